package io.wanjia.commons.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's chromium, headless (./platform test installs it), driven over the DevTools protocol the way a person uses a
 * page: open it, type into it, click, read what it shows and what it stored, take a picture. Unlike
 * {@code chromium --dump-dom URL}, nothing the test types has to travel in the address.
 */
public final class HeadlessBrowser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessBrowser(Process process, Path profile, String pageSocket) {
        this.process = process;
        this.profile = profile;
        this.page = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Answers()).join();
    }

    /** A fresh browser (its own empty profile) with one blank page, 1366×1400. */
    public static HeadlessBrowser start() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium");
        Process process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1366,1400", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // With port 0 chromium picks a free port and writes it as the first line of DevToolsActivePort in the profile.
        Path activePort = profile.resolve("DevToolsActivePort");
        List<String> lines;
        try {
            lines = org.awaitility.Awaitility.await("chromium's DevTools port").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).failFast("chromium exited", () -> !process.isAlive())
                    .until(() -> Files.exists(activePort) ? Files.readAllLines(activePort) : List.<String>of(), read -> read.size() >= 2);
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools port (is it installed? ./platform test installs it)", e);
        }
        HttpResponse<String> targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + lines.get(0).trim() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(targets.body())) {
            if (target.path("type").asText().equals("page")) {
                return new HeadlessBrowser(process, profile, target.get("webSocketDebuggerUrl").asText());
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("chromium opened no page");
    }

    /** Opens {@code url} and returns once its document has loaded. */
    public void open(String url) {
        // The old document answers "complete" until the new one replaces it: wait for a document without its mark.
        evaluate("window.wanjiaLeaving = true");
        call("Page.navigate", Map.of("url", url));
        org.awaitility.Awaitility.await(url + " loaded").atMost(ANSWER_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> evaluate("!window.wanjiaLeaving && document.readyState === 'complete'").asBoolean());
    }

    /** The value of a JavaScript expression in the page (promises awaited), as JSON. */
    public JsonNode evaluate(String expression) {
        JsonNode answer = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (answer.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw: " + answer.get("exceptionDetails").toString());
        }
        return answer.path("result").path("value");
    }

    /** Forgets every cookie, as when a session has ended on the server's side (HttpOnly cookies included). */
    public void clearCookies() {
        call("Network.clearBrowserCookies", Map.of());
    }

    /** Shows pages at {@code width}×{@code height} CSS pixels (a phone is about 390 wide), or back at 1366×1400. */
    public void viewport(int width, int height) {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 700));
    }

    /** Saves what the page shows as a PNG. */
    public void screenshot(Path file) throws IOException {
        Files.write(file, Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText()));
    }

    @Override
    public void close() throws IOException {
        page.abort();
        // Chromium's helpers (network service, GPU, zygote) outlive a killed parent and keep writing into the profile:
        // stop them first, or the profile changes while it is deleted.
        List<ProcessHandle> helpers = process.descendants().toList();
        helpers.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle helper : helpers) {
                helper.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a helper that will not go: the walk below still skips what vanishes under it
        }
        deleteProfile();
    }

    /** Deletes the browser's temporary profile; a file that vanishes during the walk (a helper's last write) is skipped. */
    private void deleteProfile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                return;
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                if (attempt == 3) {
                    return; // a temporary directory left behind is not a test failure
                }
            }
        }
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
            JsonNode message = answer.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
            if (message.has("error")) {
                throw new IllegalStateException(method + " failed: " + message.get("error"));
            }
            return message.path("result");
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Gathers the page's messages (which may come in parts) and hands each answer to the call waiting for it. */
    private final class Answers implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            message.append(part);
            if (last) {
                try {
                    JsonNode answer = JSON.readTree(message.toString());
                    CompletableFuture<JsonNode> waiting = answer.has("id") ? pending.get(answer.get("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(answer);
                    }
                } catch (IOException e) {
                    pending.values().forEach(w -> w.completeExceptionally(e));
                }
                message.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
