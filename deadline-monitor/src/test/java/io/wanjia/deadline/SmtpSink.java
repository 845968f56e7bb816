package io.wanjia.deadline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A mail server for the tests: a real SMTP peer on 127.0.0.1 (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT;
 * no TLS, no AUTH, nothing advertised), which keeps what it is sent and decodes it (RFC 2047 headers, quoted-printable or
 * base64 bodies) so a test reads the Chinese text as written. Started once for the whole suite, so no test restarts
 * Quarkus for it: its port goes to {@code quarkus.mailer.port}.
 */
public class SmtpSink implements QuarkusTestResourceLifecycleManager {

    /** A message as received: the envelope's sender and recipients, the headers and the decoded subject and text. */
    public record Received(String from, List<String> recipients, Map<String, String> headers, String subject, String text) {
    }

    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Recipients whose next message is answered 451 (a temporary refusal), once. */
    private static final Set<String> REFUSE_ONCE = ConcurrentHashMap.newKeySet();

    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new IllegalStateException("the test SMTP sink could not listen", e);
        }
        Thread acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(server.getLocalPort()));
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket on the way out
        }
    }

    /** Every message received so far. */
    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    /** The next message to {@code recipient} is refused with 451 (try again later); the one after it is taken. */
    public static void refuseOnce(String recipient) {
        REFUSE_ONCE.add(recipient.toLowerCase(Locale.ROOT));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread session = new Thread(() -> serve(client), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            // Bytes as they come: the body is decoded after DATA, by its own headers.
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            reply(out, "220 wanjia-test-smtp ESMTP ready");
            String from = null;
            List<String> recipients = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 wanjia-test-smtp");
                } else if (command.startsWith("MAIL FROM:")) {
                    from = address(line);
                    recipients.clear();
                    reply(out, "250 2.1.0 sender ok");
                } else if (command.startsWith("RCPT TO:")) {
                    recipients.add(address(line));
                    reply(out, "250 2.1.5 recipient ok");
                } else if (command.equals("DATA")) {
                    reply(out, "354 end data with <CR><LF>.<CR><LF>");
                    String data = readData(in);
                    if (recipients.stream().anyMatch(r -> REFUSE_ONCE.remove(r.toLowerCase(Locale.ROOT)))) {
                        reply(out, "451 4.3.0 try again later");
                    } else {
                        RECEIVED.add(parse(from, List.copyOf(recipients), data));
                        reply(out, "250 2.0.0 queued");
                    }
                    from = null;
                    recipients.clear();
                } else if (command.equals("RSET")) {
                    from = null;
                    recipients.clear();
                    reply(out, "250 2.0.0 ok");
                } else if (command.equals("NOOP")) {
                    reply(out, "250 2.0.0 ok");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 command not implemented");
                }
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return data.toString();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String address(String line) {
        Matcher m = ADDRESS.matcher(line);
        return m.find() ? m.group(1) : line.substring(line.indexOf(':') + 1).trim();
    }

    /** The message's headers (unfolded, names in lower case), its subject and its text/plain body decoded. */
    static Received parse(String from, List<String> recipients, String data) {
        int split = data.indexOf("\r\n\r\n");
        Map<String, String> headers = headers(split < 0 ? data : data.substring(0, split));
        String body = split < 0 ? "" : data.substring(split + 4);
        String contentType = headers.getOrDefault("content-type", "text/plain; charset=us-ascii");
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
            if (boundary.find()) {
                for (String part : body.split(Pattern.quote("--" + boundary.group(1)))) {
                    String trimmed = part.startsWith("\r\n") ? part.substring(2) : part;
                    int partSplit = trimmed.indexOf("\r\n\r\n");
                    if (partSplit < 0) {
                        continue;
                    }
                    Map<String, String> partHeaders = headers(trimmed.substring(0, partSplit));
                    if (partHeaders.getOrDefault("content-type", "").toLowerCase(Locale.ROOT).startsWith("text/plain")) {
                        return new Received(from, recipients, headers, decodeHeader(headers.get("subject")),
                                decodeBody(partHeaders, trimmed.substring(partSplit + 4)));
                    }
                }
            }
        }
        return new Received(from, recipients, headers, decodeHeader(headers.get("subject")), decodeBody(headers, body));
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        String name = null;
        for (String line : block.split("\r\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                headers.merge(name, line, String::concat); // folded: the continuation keeps its leading white space
            } else if (line.indexOf(':') > 0) {
                name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
                headers.put(name, line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return headers;
    }

    /** RFC 2047: encoded words decoded, the white space between two of them dropped. */
    static String decodeHeader(String value) {
        if (value == null) {
            return null;
        }
        String joined = value.replaceAll("\\?=\\s+=\\?", "?==?");
        Matcher word = ENCODED_WORD.matcher(joined);
        StringBuilder decoded = new StringBuilder();
        int last = 0;
        while (word.find()) {
            decoded.append(joined, last, word.start());
            Charset charset = Charset.forName(word.group(1));
            byte[] bytes = word.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(word.group(3))
                    : quotedPrintable(word.group(3).replace('_', ' '));
            decoded.append(new String(bytes, charset));
            last = word.end();
        }
        return decoded.append(joined.substring(last)).toString();
    }

    private static String decodeBody(Map<String, String> headers, String body) {
        Matcher charsetOf = Pattern.compile("charset=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE)
                .matcher(headers.getOrDefault("content-type", ""));
        Charset charset = charsetOf.find() ? Charset.forName(charsetOf.group(1)) : StandardCharsets.US_ASCII;
        String encoding = headers.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT);
        byte[] raw = body.getBytes(StandardCharsets.ISO_8859_1);
        return switch (encoding) {
            case "quoted-printable" -> new String(quotedPrintable(body.replace("=\r\n", "")), charset);
            case "base64" -> new String(Base64.getMimeDecoder().decode(raw), charset);
            default -> new String(raw, charset);
        };
    }

    private static byte[] quotedPrintable(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write((byte) c);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
