import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Crashes the running platform while it works and checks that nothing was lost or done twice. It registers N
 * households of one employed member in 于洪区 (210114, which the demo leaves alone), reports each member out of
 * work 12 days ago (so each case's day-10 step is due at once) — half through Kafka, half over HTTP, as outside
 * systems would, retrying while a service is down — and a quarter of them back in stable work 2 days ago. Meanwhile
 * it kills each service with SIGKILL once, the Kafka broker once and PostgreSQL once (immediate shutdown, as a
 * crash), at random moments, and restarts each with {@code ./platform up}. Then it waits for the platform to settle
 * and compares with the truth it computed itself: every household decided once (one zero-employment-started each,
 * by distinct event id), one case per episode with the right state, every due escalation fired once and delivered
 * to a local webhook receiver, and reporting's figures moved by exactly the truth. It prints
 * {@code chaos: N reports, K faults, lost L, doubled D} and exits 1 if L or D is above 0.
 * Usage (./platform chaos runs it): {@code java -cp <kafka jars> tools/chaos/Chaos.java ROOT HOUSEHOLDS}.
 */
public class Chaos {

    static final String DISTRICT = "210114";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final String HOUSEHOLD = "http://127.0.0.1:8081", DEADLINE = "http://127.0.0.1:8083", REPORTING = "http://127.0.0.1:8084";
    static final List<String> FAULTS = List.of("household-service", "placement-service", "deadline-monitor", "reporting-service",
            "kafka", "postgresql");

    static Path root;
    static final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** One household of the run and what must become of it. */
    record Member(int index, String nationalId, String sourceKey, boolean backToWork) {
    }

    public static void main(String[] args) throws Exception {
        root = Path.of(args[0]);
        int households = Integer.parseInt(args[1]);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random();
        LocalDate today = LocalDate.now(SHANGHAI), lostOn = today.minusDays(12), backOn = today.minusDays(2);

        // The receiver supervisors would run: counts each alert by its event id, per household.
        Map<String, Set<String>> alerts = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String household = body.path("data").path("householdId").asText(body.path("householdId").asText());
            if (body.path("data").hasNonNull("identificationStage") || body.hasNonNull("identificationStage")) {
                // A missed sub-deadline of the identification (nobody verifies in a chaos run): not the ladder's day 10.
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            alerts.computeIfAbsent(household, h -> ConcurrentHashMap.newKeySet()).add(exchange.getRequestHeaders().getFirst("ce-id"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String subscription = JSON.readTree(call("POST", DEADLINE + "/api/v1/webhooks", token("admin", DISTRICT), "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/alerts\",\"areaPrefix\":\"" + DISTRICT + "\",\"minLevel\":\"COMMUNITY\",\"secret\":\"chaos-"
                + run + "-webhook-secret\"}", Map.of(), 201).body()).get("id").asText();

        awaitReportingCaughtUp();
        Map<String, Long> figuresBefore = figures(lostOn, today);
        Map<TopicPartition, Long> householdStart = ends("household.events.v1"), escalationStart = ends("escalation.events.v1");

        System.err.printf("chaos %s: registering %d households in %s%n", run, households, DISTRICT);
        List<Member> members = new ArrayList<>();
        Map<String, Member> byHousehold = new LinkedHashMap<>();
        for (int i = 0; i < households; i++) {
            for (int attempt = 0; ; attempt++) {
                LocalDate birth = today.minusYears(25 + random.nextInt(25)).minusDays(random.nextInt(365));
                String id = nationalId(birth, true, random.nextInt(499));
                HttpResponse<String> answer = call("POST", HOUSEHOLD + "/api/v1/households", token("caseworker", DISTRICT), register(id, birth, today),
                        Map.of(), 0);
                if (answer.statusCode() == 201) {
                    Member m = new Member(i, id, "CHAOS-" + run + "-" + i, i % 4 == 0);
                    members.add(m);
                    byHousehold.put(JSON.readTree(answer.body()).get("id").asText(), m);
                    break;
                }
                if (answer.statusCode() != 409 || attempt > 20) {
                    throw new IllegalStateException("registration answered " + answer.statusCode() + ": " + answer.body());
                }
            }
        }

        // The faults, each at a random moment while the reports go out.
        List<String> faults = new ArrayList<>(FAULTS);
        Collections.shuffle(faults, random);
        String order = System.getenv("WANJIA_CHAOS_FAULTS");
        if (order != null && !order.isBlank()) {
            // To replay a run that failed: the faults it printed, in its order.
            faults = List.of(order.trim().split("\\s*,\\s*"));
            if (!FAULTS.containsAll(faults)) {
                throw new IllegalArgumentException("WANJIA_CHAOS_FAULTS names parts outside " + FAULTS + ": " + faults);
            }
        }
        List<String> planned = faults;
        Duration window = Duration.ofSeconds(Math.max(60, households / 50));
        AtomicInteger faultsDone = new AtomicInteger();
        Thread chaos = new Thread(() -> {
            try {
                long pause = window.toMillis() / (planned.size() + 1);
                for (String fault : planned) {
                    Thread.sleep(pause / 2 + random.nextInt((int) pause));
                    fault(fault);
                    faultsDone.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        chaos.start();

        System.err.printf("chaos %s: %d reports over %d s while %s fail%n", run, households + households / 4 + (households % 4 == 0 ? 0 : 1),
                window.toSeconds(), faults);
        int reports = 0;
        Properties props = new Properties();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("delivery.timeout.ms", "300000");
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            long gap = window.toMillis() / Math.max(1, members.size());
            for (Member m : members) {
                report(kafka, m, "wanjia.labour.unemployment-reported.v1", "{\"nationalId\":\"" + m.nationalId() + "\",\"districtCode\":\""
                        + DISTRICT + "\",\"occurredOn\":\"" + lostOn + "\",\"reason\":\"enterprise closed\",\"sourceRef\":\"" + m.sourceKey() + "-lost\"}");
                reports++;
                if (m.backToWork()) {
                    report(kafka, m, "wanjia.labour.employment-reported.v1", "{\"nationalId\":\"" + m.nationalId() + "\",\"districtCode\":\""
                            + DISTRICT + "\",\"occurredOn\":\"" + backOn + "\",\"kind\":\"ENTERPRISE\",\"employer\":\"沈阳重型机械\",\"contractMonths\":12,"
                            + "\"monthlyIncome\":3200,\"socialInsurancePaid\":true,\"sourceRef\":\"" + m.sourceKey() + "-back\"}");
                    reports++;
                }
                Thread.sleep(gap);
            }
            kafka.flush();
        }
        chaos.join();

        System.err.printf("chaos %s: %d faults done; waiting for the platform to settle%n", run, faultsDone.get());
        long backToWork = members.stream().filter(Member::backToWork).count();
        // Every report counts once, whichever door it came by and however often an HTTP one was sent again while
        // household-service was away (reporting counts what household-service took in).
        Map<String, Long> expected = Map.of("newlyDetected", (long) households, "eliminated", backToWork,
                "labourReports", (long) reports);
        Tally tally = null;
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(Math.max(6, households / 1000)));
        while (Instant.now().isBefore(giveUp)) {
            tally = tally(byHousehold, alerts, figuresBefore, expected, householdStart, escalationStart, lostOn, today);
            if (tally.lost() == 0 && tally.doubled() == 0) {
                break;
            }
            Thread.sleep(5000);
        }
        receiver.stop(0);
        call("DELETE", DEADLINE + "/api/v1/webhooks/" + subscription, token("admin", DISTRICT), null, Map.of(), 0);
        System.err.println(String.join("\n", tally.findings()));
        System.out.printf("chaos: %d reports, %d faults, lost %d, doubled %d%n", reports, faultsDone.get(), tally.lost(), tally.doubled());
        System.exit(tally.lost() == 0 && tally.doubled() == 0 ? 0 : 1);
    }

    /** What the platform shows against the truth: lost = expected but missing, doubled = there more than once. */
    record Tally(int lost, int doubled, List<String> findings) {
    }

    static Tally tally(Map<String, Member> byHousehold, Map<String, Set<String>> alerts, Map<String, Long> figuresBefore,
            Map<String, Long> expected, Map<TopicPartition, Long> householdStart, Map<TopicPartition, Long> escalationStart,
            LocalDate lostOn, LocalDate today) throws Exception {
        int lost = 0, doubled = 0, decided = 0, withCase = 0, fired = 0, delivered = 0;
        List<String> findings = new ArrayList<>();
        // Decisions: the register's status, and zero-employment-started once per household (distinct event ids).
        Map<String, Set<String>> started = eventIds("household.events.v1", householdStart, "wanjia.household.zero-employment-started.v1");
        // The ladder's steps only: a missed sub-deadline of the identification carries identificationStage.
        Map<String, Set<String>> escalated = eventIds("escalation.events.v1", escalationStart, "wanjia.case.escalated.v1",
                value -> !JSON.readTree(value).hasNonNull("identificationStage"));
        Map<String, List<JsonNode>> cases = cases();
        for (Map.Entry<String, Member> entry : byHousehold.entrySet()) {
            String household = entry.getKey();
            Member m = entry.getValue();
            HttpResponse<String> view = call("GET", HOUSEHOLD + "/api/v1/households/" + household, token("caseworker", DISTRICT), null, Map.of(), 0);
            String status = view.statusCode() == 200 ? JSON.readTree(view.body()).path("status").asText() : "unreadable";
            String want = m.backToWork() ? "NOT_ZERO_EMPLOYMENT" : "ZERO_EMPLOYMENT";
            if (!want.equals(status)) {
                lost++;
                findings.add("household " + m.index() + ": status " + status + ", expected " + want);
            }
            int starts = started.getOrDefault(household, Set.of()).size();
            decided += starts == 1 && want.equals(status) ? 1 : 0;
            lost += starts == 0 ? 1 : 0;
            doubled += Math.max(0, starts - 1);
            if (starts != 1) {
                findings.add("household " + m.index() + ": " + starts + " zero-employment-started events");
            }
            List<JsonNode> ofHousehold = cases.getOrDefault(household, List.of());
            lost += ofHousehold.isEmpty() ? 1 : 0;
            doubled += Math.max(0, ofHousehold.size() - 1);
            if (ofHousehold.size() == 1) {
                String caseStatus = ofHousehold.get(0).path("status").asText();
                String wantCase = m.backToWork() ? "CLOSED" : "OPEN";
                withCase += wantCase.equals(caseStatus) ? 1 : 0;
                if (!wantCase.equals(caseStatus)) {
                    lost++;
                    findings.add("household " + m.index() + ": case " + caseStatus + ", expected " + wantCase);
                }
            } else {
                findings.add("household " + m.index() + ": " + ofHousehold.size() + " cases");
            }
            // The day-10 step is due at once: fired once, and delivered, for every household still out of work (for
            // one back at work it may have been closed before it fired — then never, never twice).
            int firedHere = escalated.getOrDefault(household, Set.of()).size();
            int deliveredHere = alerts.getOrDefault(household, Set.of()).size();
            fired += firedHere;
            delivered += deliveredHere;
            doubled += Math.max(0, firedHere - 1) + Math.max(0, deliveredHere - 1);
            if (!m.backToWork()) {
                lost += (firedHere == 0 ? 1 : 0) + (deliveredHere == 0 ? 1 : 0);
            }
            if (firedHere > 1 || deliveredHere > 1 || (!m.backToWork() && (firedHere == 0 || deliveredHere == 0))) {
                findings.add("household " + m.index() + ": escalation fired " + firedHere + ", delivered " + deliveredHere);
            }
        }
        findings.add(0, String.format("checked %d households: %d decided once and right, %d with one case in the right state, %d"
                + " escalations fired, %d delivered (due: %d)", byHousehold.size(), decided, withCase, fired, delivered,
                byHousehold.values().stream().filter(m -> !m.backToWork()).count()));
        Map<String, Long> after = figures(lostOn, today);
        for (Map.Entry<String, Long> figure : expected.entrySet()) {
            long moved = after.getOrDefault(figure.getKey(), 0L) - figuresBefore.getOrDefault(figure.getKey(), 0L);
            findings.add("reporting " + figure.getKey() + " moved by " + moved + " (truth " + figure.getValue() + ")");
            if (moved != figure.getValue()) {
                lost += (int) Math.max(0, figure.getValue() - moved);
                doubled += (int) Math.max(0, moved - figure.getValue());
            }
        }
        return new Tally(lost, doubled, findings);
    }

    /** Kills one part the way a crash would, then has ./platform bring it back. */
    static void fault(String part) throws Exception {
        System.err.printf("  fault: %s%n", part);
        if (part.equals("postgresql")) {
            String version = run("bash", "-c", "pg_lsclusters -h | awk '$2==\"wanjia\"{print $1; exit}'").trim();
            run("pg_ctlcluster", "--skip-systemctl-redirect", version, "wanjia", "restart", "-m", "immediate");
            return;
        }
        String pid = Files.readString(root.resolve(".platform/pids/" + part + ".pid")).trim();
        run("kill", "-9", pid);
        for (int i = 0; i < 100 && new java.io.File("/proc/" + pid).exists(); i++) {
            Thread.sleep(100);
        }
        try {
            run(root.resolve("platform").toString(), "up");
        } catch (IllegalStateException e) {
            System.err.println(notReady());
            throw e;
        }
    }

    /** What a service that did not come back says of itself: its readiness answer and the end of its log. */
    static String notReady() throws Exception {
        StringBuilder out = new StringBuilder();
        Map<String, Integer> ports = Map.of("household-service", 8081, "placement-service", 8082, "deadline-monitor", 8083,
                "reporting-service", 8084);
        for (Map.Entry<String, Integer> service : new java.util.TreeMap<>(ports).entrySet()) {
            HttpResponse<String> ready = call("GET", "http://127.0.0.1:" + service.getValue() + "/q/health/ready", null, null, Map.of(), 0);
            if (ready.statusCode() == 200) {
                continue;
            }
            out.append("  ").append(service.getKey()).append(" readiness ").append(ready.statusCode()).append(": ")
                    .append(ready.body().replaceAll("\\s+", " ")).append('\n');
            Path log = root.resolve(".platform/logs/" + service.getKey() + ".log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("  last lines of ").append(log).append(":\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append("    ").append(l).append('\n'));
            }
        }
        return out.toString();
    }

    static void report(KafkaProducer<String, String> kafka, Member m, String type, String body) throws Exception {
        String id = UUID.randomUUID().toString();
        if (m.index() % 2 == 0) {
            ProducerRecord<String, String> record = new ProducerRecord<>("labour.status-reports.v1", m.sourceKey(), body);
            Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_source", "/shenyang/social-insurance",
                    "ce_time", Instant.now().toString()).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            kafka.send(record);
            return;
        }
        // An outside system over HTTP tries again while the service is away (the same ce-id: applied once).
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-id", id, "ce-type", type, "ce-source", "/shenyang/labour-bureau",
                "ce-time", Instant.now().toString());
        for (int attempt = 0; attempt < 600; attempt++) {
            HttpResponse<String> answer = call("POST", HOUSEHOLD + "/api/v1/labour-reports", token("publisher", DISTRICT), body, headers, 0);
            if (answer.statusCode() == 202) {
                return;
            }
            if (answer.statusCode() < 500 && answer.statusCode() != 0) {
                throw new IllegalStateException("a labour report was refused: " + answer.statusCode() + " " + answer.body());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("household-service took no labour report for 5 minutes");
    }

    /** The distinct event ids of {@code type} per household key, read from {@code start} to the end of the topic. */
    static Map<String, Set<String>> eventIds(String topic, Map<TopicPartition, Long> start, String type) throws Exception {
        return eventIds(topic, start, type, value -> true);
    }

    /** A record's value that a count takes. */
    interface Counted {
        boolean test(String value) throws Exception;
    }

    static Map<String, Set<String>> eventIds(String topic, Map<TopicPartition, Long> start, String type, Counted counted)
            throws Exception {
        Map<String, Set<String>> ids = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
            while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    var header = record.headers().lastHeader("ce_type");
                    if (header != null && type.equals(new String(header.value(), StandardCharsets.UTF_8)) && counted.test(record.value())) {
                        String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                        ids.computeIfAbsent(record.key(), k -> new HashSet<>()).add(id);
                    }
                }
            }
        }
        return ids;
    }

    static Map<TopicPartition, Long> ends(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /**
     * Waits (up to 2 minutes) until reporting-service has committed everything already on its topics: the figures read
     * next are then a still baseline, not one that events published before the run (other tests', a demo's) go on moving.
     */
    static void awaitReportingCaughtUp() throws Exception {
        List<String> topics = List.of("household.events.v1", "placement.events.v1", "escalation.events.v1");
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(until)) {
            long behind = 0;
            for (String topic : topics) {
                Map<TopicPartition, Long> ends = ends(topic);
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = committed(ends.keySet());
                for (var end : ends.entrySet()) {
                    var at = committed.get(end.getKey());
                    behind += end.getValue() - (at == null ? 0 : at.offset());
                }
            }
            if (behind <= 0) {
                return;
            }
            Thread.sleep(500);
        }
        System.err.printf("chaos: reporting-service is still behind its topics after 2 minutes; its figures may move by earlier events%n");
    }

    /** reporting-service's committed offsets on {@code partitions}. */
    static Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed(java.util.Set<TopicPartition> partitions) {
        Properties props = new Properties();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("group.id", "reporting-service");
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> group = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            return new HashMap<>(group.committed(partitions));
        }
    }

    static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Every case of the district, by household. */
    static Map<String, List<JsonNode>> cases() throws Exception {
        Map<String, List<JsonNode>> byHousehold = new HashMap<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> answer = call("GET", DEADLINE + "/api/v1/cases?district=" + DISTRICT + "&size=500&page=" + page,
                    token("supervisor", DISTRICT), null, Map.of(), 0);
            if (answer.statusCode() != 200) {
                return byHousehold;
            }
            JsonNode items = JSON.readTree(answer.body()).path("items");
            items.forEach(c -> byHousehold.computeIfAbsent(c.path("householdId").asText(), h -> new ArrayList<>()).add(c));
            if (items.size() < 500) {
                return byHousehold;
            }
        }
    }

    /** The district's figures for the period, as an official reads them (empty while reporting is away). */
    static Map<String, Long> figures(LocalDate from, LocalDate to) throws Exception {
        HttpResponse<String> answer = call("GET", REPORTING + "/api/v1/reports/summary?area=" + DISTRICT + "&from=" + from + "&to=" + to,
                token("official", DISTRICT), null, Map.of(), 0);
        Map<String, Long> figures = new HashMap<>();
        if (answer.statusCode() == 200) {
            JSON.readTree(answer.body()).path("total").path("figures").fields().forEachRemaining(f -> figures.put(f.getKey(), f.getValue().asLong()));
        }
        return figures;
    }

    static String register(String nationalId, LocalDate birth, LocalDate today) {
        return "{\"districtCode\":\"" + DISTRICT + "\",\"street\":\"于洪街道\",\"community\":\"迎宾社区\",\"address\":\"迎宾路1号\",\"cohort\":\"STANDARD\","
                + "\"members\":[{\"nationalId\":\"" + nationalId + "\",\"name\":\"王建国\",\"relation\":\"HEAD\",\"birthDate\":\"" + birth
                + "\",\"gender\":\"MALE\",\"education\":\"JUNIOR_MIDDLE\",\"skills\":[\"welding\"],\"labourCapacity\":\"FULL\",\"willingToWork\":true,"
                + "\"occupationCategory\":\"WORKER\",\"status\":\"EMPLOYED_STABLE\",\"statusSince\":\"" + today.minusYears(3) + "\"}]}";
    }

    /** A valid national ID (ISO 7064 MOD 11-2 check character) of the district, a birth date and a sequence. */
    static String nationalId(LocalDate birth, boolean male, int sequence) {
        String body = DISTRICT + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence * 2 + (male ? 1 : 0));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** An HTTP call; {@code expect} 0 takes any answer, and a service that is away answers 0. */
    static HttpResponse<String> call(String method, String url, String token, String body, Map<String, String> headers, int expect)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException away) {
            if (expect != 0) {
                throw away;
            }
            return new Away(url);
        }
        if (expect != 0 && answer.statusCode() != expect) {
            throw new IllegalStateException(method + " " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    static String token(String role, String area) throws Exception {
        return tokens.computeIfAbsent(role + " " + area, k -> {
            try {
                return run(root.resolve("platform").toString(), "token", role, area).trim();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** The answer of a service that did not answer. */
    record Away(String url) implements HttpResponse<String> {
        public int statusCode() { return 0; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        public String body() { return ""; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return URI.create(url); }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
