package io.wanjia.bench;

import java.io.IOException;
import java.util.Map;

/** Runs a tool (ProducerPerformance, pgbench, psql) and returns its output; a non-zero exit fails the bench. */
final class Commands {

    private Commands() {
    }

    static String run(BenchConfig config, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(config.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
