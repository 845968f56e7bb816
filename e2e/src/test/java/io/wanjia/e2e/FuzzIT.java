package io.wanjia.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bad requests made from each service's own OpenAPI document, sent to the four packaged services as an outside
 * caller would: every path, query and body field of every operation gets values it must refuse (wrong types, a
 * NUL, extreme numbers and dates, impossible dates, over-long text, malformed JSON). None may be answered 5xx,
 * and no answer may show a stack trace or a Java class name. The operations that move the test clock are left
 * out: they exist only in this non-prod profile and would move every later test's time; so is the read model's
 * rebuild, which re-reads every topic. Skeleton bodies point at a district no other test uses.
 */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ROLES = List.of("caseworker", "placement-officer", "supervisor", "official", "publisher", "admin");
    private static final Set<String> LEFT_OUT = Set.of("/api/v1/clock", "/api/v1/admin/rebuild");
    /** Where the skeleton bodies point (兴城市, Huludao): a real division no other test writes to. */
    private static final String DISTRICT = "211481";
    /** What a body must never show: a frame of a stack trace, or a Java exception's class name. */
    private static final Pattern LEAK = Pattern.compile("\\bat [a-z]+\\.[a-zA-Z.$]+\\(|[a-z]+\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)\\b"
            + "|\\b[A-Z][A-Za-z]+(Exception|Error)\\b");
    private static final List<String> BAD_VALUES = List.of("abc", "", "\0", "%00", "-1", "2147483647", "2147483648", "-2147483649",
            "99999999999999999999", "1e400", "-999999999-01-01", "+999999999-12-31", "2026-02-30", "9999-12-31", "0000-00-00",
            "BOGUS", "true", "null", "x".repeat(5000), "../../etc/passwd", "'; DROP TABLE x; --", "\uD800");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();
    /** Answers per operation by status class (2xx, 4xx, …): where no request got past the door, printed at the end. */
    private final Map<String, int[]> answers = new java.util.TreeMap<>();
    private int sent;
    private String current;

    @BeforeAll
    static void startPlatform() throws Exception {
        Platform.start();
    }

    @Test
    void shouldAnswerEveryMalformedRequestWithoutA5xxOrAStackTrace() throws Exception {
        for (String service : Platform.PORTS.keySet()) {
            JsonNode openapi = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(Platform.url(service) + "/q/openapi?format=json"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (LEFT_OUT.contains(path.getKey()) || !path.getKey().startsWith("/api/")) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    fuzz(service, openapi, path.getKey(), method.getKey().toUpperCase(), method.getValue());
                }
            }
        }
        answers.forEach((operation, classes) -> System.out.printf("fuzz: %-70s 2xx %4d  4xx %4d  5xx %d%n", operation, classes[2],
                classes[4], classes[5]));
        System.out.printf("fuzz: %d requests, %d failures%n", sent, failures.size());
        assertThat(failures).as("answers of %d bad requests", sent).isEmpty();
        assertThat(sent).as("bad requests sent").isGreaterThanOrEqualTo(3000);
    }

    /** Sends one operation its bad requests, as each role: a role refused at the door (403) proves nothing more. */
    private void fuzz(String service, JsonNode openapi, String path, String method, JsonNode operation) throws Exception {
        current = service + " " + method + " " + path;
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        JsonNode body = bodySchema.isMissingNode() ? null : seeded(path, example(openapi, bodySchema, 0));
        String role = roleFor(service, path, method, parameters, body);

        Map<String, String> query = new LinkedHashMap<>();
        for (String bad : BAD_VALUES) {
            send(service, role, method, fill(path, parameters, bad), query, body);
        }
        for (JsonNode parameter : parameters) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            for (String bad : BAD_VALUES) {
                send(service, role, method, fill(path, parameters, null), Map.of(parameter.path("name").asText(), bad), body);
            }
        }
        if (body != null) {
            for (String raw : List.of("not json", "[]", "null", "\"text\"", "{", "{\"a\":" + "[".repeat(3000), "{\"a\":\"\\u0000\"}")) {
                sendRaw(service, role, method, fill(path, parameters, null), Map.of(), raw);
            }
            for (String field : fields(body, "")) {
                for (JsonNode bad : badJsonValues()) {
                    send(service, role, method, fill(path, parameters, null), Map.of(), replaced(body, field, bad));
                }
            }
        }
    }

    /** The first role the operation does not refuse outright. */
    private String roleFor(String service, String path, String method, List<JsonNode> parameters, JsonNode body) throws Exception {
        for (String role : ROLES) {
            HttpResponse<String> answer = request(service, role, method, fill(path, parameters, null), Map.of(),
                    body == null ? null : "{}");
            check(service, method, path, "probe " + role, answer);
            if (answer.statusCode() != 403) {
                return role;
            }
        }
        return "admin";
    }

    private void send(String service, String role, String method, String path, Map<String, String> query, JsonNode body) throws Exception {
        sendRaw(service, role, method, path, query, body == null ? null : JSON.writeValueAsString(body));
    }

    private void sendRaw(String service, String role, String method, String path, Map<String, String> query, String body) throws Exception {
        HttpResponse<String> answer = request(service, role, method, path, query, body);
        check(service, method, path, query + " " + (body == null ? "" : abbreviate(body)), answer);
    }

    private HttpResponse<String> request(String service, String role, String method, String path, Map<String, String> query,
            String body) throws Exception {
        StringBuilder uri = new StringBuilder(Platform.url(service)).append(path);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30))
                .header("Authorization", Platform.bearer(role, "21"));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        sent++;
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void check(String service, String method, String path, String what, HttpResponse<String> answer) {
        String body = answer.body() == null ? "" : answer.body();
        answers.computeIfAbsent(current, k -> new int[6])[Math.min(answer.statusCode() / 100, 5)]++;
        if (answer.statusCode() >= 500) {
            failures.add(answer.statusCode() + " " + service + " " + method + " " + path + " " + abbreviate(what) + " -> " + abbreviate(body));
        } else if (LEAK.matcher(body).find() && answer.statusCode() >= 400) {
            failures.add("leak " + service + " " + method + " " + path + " " + abbreviate(what) + " -> " + abbreviate(body));
        }
    }

    /** The path with each path parameter set to {@code bad}, or to a fresh id where {@code bad} is null. */
    private static String fill(String path, List<JsonNode> parameters, String bad) {
        String filled = path;
        for (JsonNode parameter : parameters) {
            if ("path".equals(parameter.path("in").asText())) {
                String name = parameter.path("name").asText();
                String value = bad != null ? bad : "string".equals(parameter.path("schema").path("type").asText())
                        && !"uuid".equals(parameter.path("schema").path("format").asText()) ? DISTRICT : UUID.randomUUID().toString();
                filled = filled.replace("{" + name + "}", encode(value).replace("+", "%20"));
            }
        }
        return filled;
    }

    /** A plausible value for {@code schema}: the skeleton whose fields are then spoiled one at a time. */
    private static JsonNode example(JsonNode openapi, JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return depth > 6 ? NODES.nullNode() : example(openapi, openapi.path("components").path("schemas").path(name), depth + 1);
        }
        if (schema.has("allOf")) {
            return example(openapi, schema.get("allOf").get(0), depth + 1);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText("object");
        String format = schema.path("format").asText("");
        return switch (type) {
            case "string" -> switch (format) {
                case "date" -> NODES.textNode("2026-03-01");
                case "date-time" -> NODES.textNode("2026-03-01T08:00:00Z");
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                default -> NODES.textNode(schema.has("pattern") ? DISTRICT : "text");
            };
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> NODES.numberNode(Math.max(1000, schema.path("minimum").asInt(0)));
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(openapi, schema.path("items"), depth + 1));
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext();) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    object.set(property.getKey(), example(openapi, property.getValue(), depth + 1));
                }
                yield object;
            }
        };
    }

    /**
     * Makes the skeleton a valid request where the schema alone cannot (a national ID's check digit must agree with
     * the birth date and gender), so that the spoiled fields reach the service's own code and its database.
     */
    private static JsonNode seeded(String path, JsonNode skeleton) {
        JsonNode members = skeleton.path("members");
        if (members.isArray() && !members.isEmpty() && members.get(0).has("nationalId")) {
            ObjectNode member = (ObjectNode) members.get(0);
            boolean male = "MALE".equals(member.path("gender").asText());
            member.put("birthDate", "1980-01-01");
            member.put("nationalId", Households.nationalId(DISTRICT + "19800101" + (male ? "013" : "024")));
        }
        return skeleton;
    }

    /** The JSON pointers of every value in {@code node}. */
    private static List<String> fields(JsonNode node, String at) {
        List<String> fields = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                fields.add(at + "/" + f.getKey());
                fields.addAll(fields(f.getValue(), at + "/" + f.getKey()));
            });
        } else if (node.isArray() && !node.isEmpty()) {
            fields.add(at + "/0");
            fields.addAll(fields(node.get(0), at + "/0"));
        }
        return fields;
    }

    private static List<JsonNode> badJsonValues() {
        return List.of(NODES.nullNode(), NODES.textNode("\0"), NODES.textNode("a\0b"), NODES.textNode("x".repeat(20_000)),
                NODES.textNode("-999999999-01-01"), NODES.textNode("+999999999-12-31"), NODES.textNode("-0001-01-01"),
                NODES.textNode("2026-02-30"), NODES.textNode("9999-12-31"), NODES.numberNode(2147483648L), NODES.numberNode(-1),
                NODES.numberNode(1e20), NODES.numberNode(new java.math.BigDecimal("123456789.123")), NODES.booleanNode(false),
                NODES.objectNode(), NODES.arrayNode(), NODES.textNode("BOGUS"));
    }

    private static JsonNode replaced(JsonNode body, String pointer, JsonNode value) {
        JsonNode copy = body.deepCopy();
        int last = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, last));
        String name = pointer.substring(last + 1);
        if (parent instanceof ObjectNode object) {
            object.set(name, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), value);
        }
        return copy;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
