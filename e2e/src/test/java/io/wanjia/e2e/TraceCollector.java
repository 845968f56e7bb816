package io.wanjia.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A trace collector for the suite: takes what the services export over OTLP/HTTP (protobuf) and keeps, of each
 * span, its service, trace id, name and Kafka topic. It reads the few fields it needs straight from the protobuf
 * wire format (opentelemetry-proto's ExportTraceServiceRequest), without generated classes.
 */
final class TraceCollector implements AutoCloseable {

    /** A span as exported: which service, which trace, what it did and, for a consumer span, which topic. */
    record Span(String service, String traceId, String name, String topic) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    TraceCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                spans.addAll(decode(exchange.getRequestBody().readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            } catch (RuntimeException unreadable) {
                exchange.sendResponseHeaders(400, -1);
            }
        });
        server.start();
    }

    /** The base address to give an exporter ({@code quarkus.otel.exporter.otlp.traces.endpoint}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The spans received so far of one trace. */
    List<Span> of(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** ExportTraceServiceRequest: resource_spans = 1 {resource = 1 {attributes = 1}, scope_spans = 2 {spans = 2}}. */
    static List<Span> decode(byte[] request) {
        List<Span> spans = new ArrayList<>();
        for (Field resourceSpans : Field.all(request)) {
            if (resourceSpans.number != 1) {
                continue;
            }
            String service = null;
            List<byte[]> encoded = new ArrayList<>();
            for (Field field : Field.all(resourceSpans.bytes)) {
                if (field.number == 1) {
                    service = attribute(field.bytes, 1, "service.name");
                } else if (field.number == 2) {
                    Field.all(field.bytes).stream().filter(f -> f.number == 2).forEach(f -> encoded.add(f.bytes));
                }
            }
            for (byte[] span : encoded) {
                String traceId = null, name = null;
                for (Field field : Field.all(span)) {
                    if (field.number == 1) {
                        traceId = HexFormat.of().formatHex(field.bytes);
                    } else if (field.number == 5) {
                        name = new String(field.bytes, StandardCharsets.UTF_8);
                    }
                }
                spans.add(new Span(service, traceId, name, attribute(span, 9, "messaging.destination.name")));
            }
        }
        return spans;
    }

    /** The string value of attribute {@code key} among the KeyValue fields numbered {@code number} of a message. */
    private static String attribute(byte[] message, int number, String key) {
        for (Field field : Field.all(message)) {
            if (field.number != number) {
                continue;
            }
            List<Field> keyValue = Field.all(field.bytes);
            boolean named = keyValue.stream().anyMatch(f -> f.number == 1 && key.equals(new String(f.bytes, StandardCharsets.UTF_8)));
            if (named) {
                for (Field value : keyValue) {
                    if (value.number == 2) {
                        return Field.all(value.bytes).stream().filter(f -> f.number == 1)
                                .map(f -> new String(f.bytes, StandardCharsets.UTF_8)).findFirst().orElse(null);
                    }
                }
            }
        }
        return null;
    }

    /** One field of a protobuf message; {@code bytes} is set for length-delimited fields only. */
    private record Field(int number, byte[] bytes) {

        static List<Field> all(byte[] message) {
            List<Field> fields = new ArrayList<>();
            int[] at = {0};
            while (at[0] < message.length) {
                long tag = varint(message, at);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> varint(message, at);
                    case 1 -> at[0] += 8;
                    case 5 -> at[0] += 4;
                    case 2 -> {
                        int length = (int) varint(message, at);
                        byte[] bytes = new byte[length];
                        System.arraycopy(message, at[0], bytes, 0, length);
                        at[0] += length;
                        fields.add(new Field(number, bytes));
                        continue;
                    }
                    default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " is not in OTLP");
                }
                fields.add(new Field(number, null));
            }
            return fields;
        }

        private static long varint(byte[] message, int[] at) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = message[at[0]++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }
    }
}
