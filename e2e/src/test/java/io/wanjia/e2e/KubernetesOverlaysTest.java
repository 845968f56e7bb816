package io.wanjia.e2e;

import static io.wanjia.e2e.RepositoryFiles.ROOT;
import static io.wanjia.e2e.RepositoryFiles.list;
import static io.wanjia.e2e.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import io.wanjia.contracts.Topics;

/**
 * Renders every overlay of deploy/k8s with {@code kubectl kustomize} and checks what breaks a deployment:
 * images, ports and probe paths against the services' and the console's own settings, every referenced secret created
 * by district-secrets.sh, every config map rendered, the district scope, a console in every namespace forwarding only to
 * that namespace's services and signing in at its issuer, and — for Strimzi — a KafkaTopic and an exact ACL for every
 * topic and consumer group a service uses, the city's topics (identity claims, household transfers) included.
 */
class KubernetesOverlaysTest {

    /** What each service publishes through its outbox (DESIGN.md, services table). */
    private static final Map<String, List<String>> PUBLISHES = Map.of(
            "household-service", List.of(Topics.HOUSEHOLD_EVENTS, Topics.IDENTITY_CLAIMS, Topics.HOUSEHOLD_TRANSFERS),
            "placement-service", List.of(Topics.PLACEMENT_EVENTS),
            "deadline-monitor", List.of(Topics.ESCALATION_EVENTS),
            "reporting-service", List.of());

    /** The staff's console: no database, no Kafka; deployed beside the services of every namespace (deploy/README.md). */
    static final String CONSOLE = "console";

    record Overlay(String name, String area, List<String> services) {
        /** What runs here: its services and the staff's console. */
        List<String> deployments() {
            return Stream.concat(services.stream(), Stream.of(CONSOLE)).toList();
        }

        String namespace() {
            return "wanjia-" + area;
        }

        String prefix() {
            return area + ".";
        }

        List<Map<String, Object>> render() throws Exception {
            return KubernetesOverlaysTest.render("deploy/k8s/overlays/" + name);
        }

        List<Map<String, Object>> renderKafka() throws Exception {
            return KubernetesOverlaysTest.render("deploy/k8s/overlays/" + name + "/kafka");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Overlay> overlays() {
        return Stream.concat(districts(), Stream.of(city()));
    }

    static Overlay city() {
        return new Overlay("shenyang-city", "2101", List.of("reporting-service"));
    }

    static Stream<Overlay> districts() {
        return Stream.of(new Overlay("shenyang-heping", "210102", RepositoryFiles.SERVICES),
                new Overlay("shenyang-shenhe", "210103", RepositoryFiles.SERVICES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunEachServiceAndTheConsoleWithItsImagePortAndHealthProbes(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        String version = projectVersion();

        assertThat(objects(objects, "Deployment")).extracting(KubernetesOverlaysTest::name)
                .containsExactlyInAnyOrderElementsOf(overlay.deployments());
        for (String service : overlay.deployments()) {
            Map<String, Object> container = container(objects, service);
            String port = RepositoryFiles.serviceConfig(service).getProperty("quarkus.http.port");

            assertThat(container.get("image").toString()).matches(".+/wanjia/" + service + ":" + Pattern.quote(version));
            assertThat(list(container.get("ports"))).containsExactly(Map.of("name", "http", "containerPort", Integer.valueOf(port)));
            assertThat(probe(container, "startupProbe")).isEqualTo(Map.of("path", "/q/health/started", "port", "http"));
            assertThat(probe(container, "readinessProbe")).isEqualTo(Map.of("path", "/q/health/ready", "port", "http"));
            assertThat(probe(container, "livenessProbe")).isEqualTo(Map.of("path", "/q/health/live", "port", "http"));

            Map<String, Object> serviceSpec = map(object(objects, "Service", service).get("spec"));
            assertThat(list(serviceSpec.get("ports"))).containsExactly(Map.of("name", "http", "port", Integer.valueOf(port), "targetPort", "http"));
            Map<String, Object> budget = map(object(objects, "PodDisruptionBudget", service).get("spec"));
            for (Object selector : List.of(serviceSpec.get("selector"), map(budget.get("selector")).get("matchLabels"))) {
                assertThat(map(selector)).containsEntry("app.kubernetes.io/name", service);
                assertThat(podLabels(objects, service)).containsAllEntriesOf(map(selector));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunEveryPodAsTheImagesNonRootUser(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(Files.readString(ROOT.resolve("docker/service.Dockerfile")));
        assertThat(user.find()).as("docker/service.Dockerfile names its user").isTrue();

        for (String deployment : overlay.deployments()) {
            assertThat(map(pod(objects, deployment).get("securityContext"))).as(deployment)
                    .containsEntry("runAsNonRoot", true).containsEntry("runAsUser", Integer.valueOf(user.group(1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldSizeMemoryToTheMeasuredFootprint(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        String javaOptions = settings(objects).get("JAVA_OPTS");
        List<String> measured = Files.readAllLines(ROOT.resolve("tools/service-jvm.options")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(List.of(javaOptions.split(" "))).as("the options the footprint was measured with").containsAll(measured);
        Matcher heap = Pattern.compile("-Xmx(\\d+)m").matcher(javaOptions);
        assertThat(heap.find()).as("JAVA_OPTS caps the heap: %s", javaOptions).isTrue();

        for (String service : overlay.services()) {
            Map<String, Object> resources = map(container(objects, service).get("resources"));
            int request = mebibytes(map(resources.get("requests")).get("memory"));
            int limit = mebibytes(map(resources.get("limits")).get("memory"));
            // ./platform bench: idle RSS ~230 MB, up to ~390 MB under load with a 192 MB heap: the request covers idle, the limit load
            assertThat(request).as(service).isGreaterThanOrEqualTo(256).isLessThanOrEqualTo(limit);
            assertThat(limit).as(service).isGreaterThanOrEqualTo(Integer.parseInt(heap.group(1)) + 256);
        }
        // the console, with the same JAVA_OPTS: ~120 MB resident under ./platform, far fewer classes than a service
        Map<String, Object> console = container(objects, CONSOLE);
        assertThat(valueFrom(variables(console), "JAVA_OPTS", "configMapKeyRef")).containsEntry("key", "JAVA_OPTS");
        Map<String, Object> resources = map(console.get("resources"));
        int request = mebibytes(map(resources.get("requests")).get("memory"));
        int limit = mebibytes(map(resources.get("limits")).get("memory"));
        assertThat(request).as(CONSOLE).isGreaterThanOrEqualTo(128).isLessThanOrEqualTo(limit);
        assertThat(limit).as(CONSOLE).isGreaterThanOrEqualTo(Integer.parseInt(heap.group(1)) + 128);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldDeclareEverySecretAndConfigMapItReferences(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        List<String> command = new ArrayList<>(List.of("bash", "deploy/k8s/district-secrets.sh", "--list",
                overlay.namespace(), overlay.prefix()));
        if (overlay.services().size() < RepositoryFiles.SERVICES.size()) {
            command.addAll(overlay.services());
        }
        Set<String> created = new TreeSet<>(RepositoryFiles.run(Map.of(), command.toArray(String[]::new)).lines().toList());
        Set<String> referenced = references(objects, "secretKeyRef", "secretName", "passwordSecret", "accessKeyId", "secretAccessKey");
        if (overlay.equals(city())) {
            // held in the city's namespace for its districts, whose wanjia-national-id copies it
            referenced.add("wanjia-national-id-hash");
        }

        assertThat(referenced).isEqualTo(created);
        assertThat(references(objects, "configMapRef", "configMapKeyRef")).isNotEmpty()
                .isSubsetOf(objects(objects, "ConfigMap").stream().map(KubernetesOverlaysTest::name).toList());
        assertThat(objects(objects, "Secret")).as("no secret values in the manifests").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldForwardTheConsoleOnlyToTheServicesOfItsNamespace(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        Map<String, Map<String, Object>> env = variables(container(objects, CONSOLE));
        List<String> rendered = objects(objects, "Service").stream().map(KubernetesOverlaysTest::name).toList();

        assertThat(consoleForwards()).extracting(ConsoleForward::service).containsAll(overlay.services());
        for (ConsoleForward forward : consoleForwards()) {
            URI url = URI.create(value(env, forward.variable()));
            if (overlay.services().contains(forward.service())) {
                assertThat(url).as(forward.variable()).isEqualTo(URI.create("http://" + forward.service() + ":" + forward.port()));
                assertThat(list(map(object(objects, "Service", forward.service()).get("spec")).get("ports")))
                        .extracting(port -> map(port).get("port")).as(forward.variable()).containsExactly(forward.port());
            } else {
                // not run in this namespace: a name that resolves nowhere (RFC 6761), never another namespace's service
                assertThat(url.getHost()).as(forward.variable()).endsWith(".invalid");
                assertThat(rendered).doesNotContain(forward.service());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldSignStaffInAtTheIssuerTheServicesVerifyWithOneSecretForAllReplicas(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        Map<String, Map<String, Object>> env = variables(container(objects, CONSOLE));
        Properties console = RepositoryFiles.serviceConfig(CONSOLE);
        Map<String, String> settings = settings(objects);
        String settingsName = objects(objects, "ConfigMap").stream().map(KubernetesOverlaysTest::name)
                .filter(n -> n.startsWith("wanjia-settings")).findFirst().orElseThrow();

        // one value for the console and the services: the realm URL is the issuer, which browsers reach too
        assertThat(valueFrom(env, variableOf(console, "quarkus.oidc.auth-server-url"), "configMapKeyRef"))
                .isEqualTo(Map.of("name", settingsName, "key", "MP_JWT_VERIFY_ISSUER"));
        assertThat(settings.get("MP_JWT_VERIFY_ISSUER")).startsWith("https://").endsWith("/realms/wanjia");
        for (Map<String, Object> variable : env.values()) {
            if (variable.containsKey("valueFrom") && map(variable.get("valueFrom")).containsKey("configMapKeyRef")) {
                Map<String, Object> ref = map(map(variable.get("valueFrom")).get("configMapKeyRef"));
                assertThat(ref.get("name")).as(variable.get("name").toString()).isEqualTo(settingsName);
                assertThat(settings).as(variable.get("name").toString()).containsKey(ref.get("key").toString());
            }
        }
        // the session cookie and the login's state are sealed with the deployment's secret, the same on every replica
        String secret = variableOf(console, "quarkus.oidc.token-state-manager.encryption-secret");
        assertThat(variableOf(console, "quarkus.oidc.authentication.state-secret")).isEqualTo(secret);
        assertThat(valueFrom(env, secret, "secretKeyRef")).isEqualTo(Map.of("name", "wanjia-console", "key", "session-secret"));
        // TLS ends at the city's ingress: the realm's redirect URIs are https://, and so must the console's be
        assertThat(value(env, "QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME")).isEqualTo("true");
        assertThat(value(env, "QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE")).isEqualTo("true");
        // a probe answered with a redirect to the login would pass unseen (kubelet takes any 3xx): health needs no session
        assertThat(List.of(console.getProperty("quarkus.http.auth.permission.open.paths").split(",")))
                .contains("/q/health", "/q/health/*");
        assertThat(console.getProperty("quarkus.http.auth.permission.open.policy")).isEqualTo("permit");
    }

    @Test
    void shouldGiveEveryConsoleASessionSecretLongEnough(@TempDir Path cluster) throws Exception {
        Map<String, String> environment = fakeCluster(cluster);

        runDistrictSecrets(environment);

        for (Overlay overlay : overlays().toList()) {
            // the console refuses a secret shorter than 32 characters
            assertThat(readSecret(cluster, overlay.namespace(), "wanjia-console", "session-secret")).as(overlay.name())
                    .hasSizeGreaterThanOrEqualTo(32);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldScopeTheDeploymentToItsAreaAndNamespace(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        Map<String, String> settings = settings(objects);

        assertThat(settings).containsEntry("WANJIA_DEPLOYMENT_AREA", overlay.area())
                .containsEntry("WANJIA_TOPIC_PREFIX", overlay.prefix());
        assertThat(settings.values()).noneMatch(value -> value.contains("REPLACE-IN-OVERLAY"));
        assertThat(objects(objects, "Namespace")).extracting(KubernetesOverlaysTest::name).containsExactly(overlay.namespace());
        assertThat(objects).filteredOn(o -> !"Namespace".equals(o.get("kind")))
                .allSatisfy(o -> assertThat(metadata(o).get("namespace")).isEqualTo(overlay.namespace()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldGiveEachServiceItsOwnDatabaseRoleAndBackups(Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = overlay.render();
        Map<String, Object> cluster = object(objects, "Cluster", "wanjia-pg");
        List<Object> roles = list(map(map(cluster.get("spec")).get("managed")).get("roles"));

        for (String service : overlay.services()) {
            Map<String, String> env = env(container(objects, service));
            String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            String database = url.substring(url.lastIndexOf('/') + 1);
            String localUrl = RepositoryFiles.resolveDefaults(RepositoryFiles.serviceConfig(service).getProperty("quarkus.datasource.jdbc.url"));
            String passwordSecret = env.get("WANJIA_DB_PASSWORD");

            assertThat(url).isEqualTo("jdbc:postgresql://" + settings(objects).get("WANJIA_DB_HOST") + ":5432/" + database);
            assertThat(settings(objects).get("WANJIA_DB_HOST")).isEqualTo(name(cluster) + "-rw");
            assertThat(database).isEqualTo(localUrl.substring(localUrl.lastIndexOf('/') + 1));
            Map<String, Object> databaseObject = objects(objects, "Database").stream()
                    .filter(d -> database.equals(map(d.get("spec")).get("name"))).findFirst().orElseThrow();
            String owner = map(databaseObject.get("spec")).get("owner").toString();
            assertThat(roles).contains(Map.of("name", owner, "ensure", "present", "login", true,
                    "passwordSecret", Map.of("name", passwordSecret)));
        }
        Map<String, Object> store = map(map(map(cluster.get("spec")).get("backup")).get("barmanObjectStore"));
        assertThat(store.get("destinationPath").toString()).isEqualTo("s3://wanjia-backups/" + overlay.area());
        assertThat(map(object(objects, "ScheduledBackup", "wanjia-pg-nightly").get("spec")).get("cluster"))
                .isEqualTo(Map.of("name", name(cluster)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunPostgreSqlWithTheSettingsThePlatformRunsLocally(Overlay overlay) throws Exception {
        Map<String, Object> cluster = object(overlay.render(), "Cluster", "wanjia-pg");
        Map<String, Object> parameters = map(map(map(cluster.get("spec")).get("postgresql")).get("parameters"));
        Map<String, String> local = new TreeMap<>();
        Matcher setting = Pattern.compile("(?m)^(\\w+) = '?([^'\\s#]+)'?").matcher(Files.readString(ROOT.resolve("tools/postgres/wanjia.conf")));
        while (setting.find()) {
            local.put(setting.group(1), setting.group(2));
        }
        // CloudNativePG owns the address, the port and the durability switches (fsync, full pages, synchronous commit: on).
        Set.of("listen_addresses", "port", "fsync", "full_page_writes", "synchronous_commit").forEach(local::remove);

        assertThat(local).hasSizeGreaterThan(10);
        Map<String, String> deployed = new TreeMap<>();
        parameters.forEach((name, value) -> deployed.put(name, value.toString()));
        assertThat(deployed).containsAllEntriesOf(local).containsKeys("shared_buffers", "effective_cache_size");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldGiveEachServiceAKafkaUserWithExactlyTheTopicsItUses(Overlay overlay) throws Exception {
        Map<String, String> settings = settings(overlay.render());
        List<Map<String, Object>> kafka = overlay.renderKafka();
        Set<String> topics = new HashSet<>();
        overlays().forEach(o -> objects(unchecked(o::renderKafka), "KafkaTopic").forEach(t -> topics.add(name(t))));

        for (String service : overlay.services()) {
            Channels channels = Channels.of(service, settings);
            Map<String, Set<String>> expected = new TreeMap<>();
            channels.topics().forEach(t -> allow(expected, "topic " + t, "Read", "Describe"));
            channels.topics().forEach(t -> allow(expected, "topic " + Topics.deadLetter(t), "Write", "Describe"));
            PUBLISHES.get(service).forEach(t -> allow(expected, "topic " + channels.prefixed(t), "Write", "Describe"));
            channels.groups().forEach(g -> allow(expected, "group " + g, "Read"));

            assertThat(acls(object(kafka, "KafkaUser", overlay.prefix() + service))).as(service).isEqualTo(expected);
            assertThat(expected.keySet()).allSatisfy(resource -> {
                String[] parts = resource.split(" ");
                assertThat("group".equals(parts[0]) || topics.contains(parts[1])).as("KafkaTopic %s", parts[1]).isTrue();
            });
        }
    }

    @Test
    void shouldDeclareEachTopicOnceAndTheCitysTopicsForTheWholeCity() throws Exception {
        Overlay city = city();
        List<Map<String, Object>> cityKafka = city.renderKafka();
        String claims = city.prefix() + Topics.IDENTITY_CLAIMS;
        String transfers = city.prefix() + Topics.HOUSEHOLD_TRANSFERS;

        assertThat(config(cityKafka, claims)).containsEntry("cleanup.policy", "compact").containsEntry("min.insync.replicas", 2);
        // transfers are events, not a latest state per key: kept for ever like the districts' events
        assertThat(config(cityKafka, transfers)).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", -1)
                .containsEntry("min.insync.replicas", 2);
        for (String topic : List.of(claims, transfers)) {
            assertThat(map(object(cityKafka, "KafkaTopic", topic).get("spec"))).as(topic).containsEntry("partitions", 6);
            assertThat(config(cityKafka, Topics.deadLetter(topic))).as(Topics.deadLetter(topic))
                    .containsEntry("retention.ms", 2592000000L).containsEntry("min.insync.replicas", 2);
        }
        for (Overlay district : districts().toList()) {
            Map<String, String> settings = settings(district.render());
            assertThat(district.area()).as("a district of the city").startsWith(city.area());
            assertThat(settings).as(district.name()).containsEntry("WANJIA_CITY_TOPIC_PREFIX", city.prefix());
            assertThat(Channels.of("household-service", settings).topics()).as("%s household-service reads", district.name())
                    .contains(claims, transfers);
        }
        List<String> declared = overlays().flatMap(o -> objects(unchecked(o::renderKafka), "KafkaTopic").stream())
                .map(KubernetesOverlaysTest::name).toList();
        assertThat(declared).as("one KafkaTopic per topic on the shared cluster").doesNotHaveDuplicates();
    }

    @Test
    void shouldGiveEveryDistrictTheCitysHashKeyAndItsOwnEncryptionKey(@TempDir Path cluster) throws Exception {
        Map<String, String> environment = fakeCluster(cluster);

        runDistrictSecrets(environment);
        Map<String, String> keys = nationalIdKeys(cluster);
        runDistrictSecrets(environment);

        assertThat(nationalIdKeys(cluster)).as("a second run keeps every key").isEqualTo(keys);
        String hashKey = keys.get(city().namespace() + " hash-key");
        assertThat(Base64.getDecoder().decode(hashKey)).hasSize(32);
        for (Overlay district : districts().toList()) {
            assertThat(keys).containsEntry(district.namespace() + " hash-key", hashKey);
        }
        assertThat(districts().map(d -> keys.get(d.namespace() + " encryption-key")).distinct())
                .as("each district's own encryption key").hasSize((int) districts().count()).doesNotContain(hashKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("districts")
    void shouldLetOtherSystemsPublishLabourReportsOnlyAndKeepPartitionsAheadOfReplicas(Overlay overlay) throws Exception {
        List<Map<String, Object>> kafka = overlay.renderKafka();

        assertThat(acls(object(kafka, "KafkaUser", overlay.prefix() + "labour-publisher")))
                .isEqualTo(Map.of("topic " + overlay.prefix() + Topics.LABOUR_STATUS_REPORTS, Set.of("Write", "Describe")));
        // the city's topics (identity claims, household transfers) are read by the district's household-service too
        int fewestPartitions = Stream.concat(objects(kafka, "KafkaTopic").stream(),
                        objects(city().renderKafka(), "KafkaTopic").stream())
                .filter(t -> !name(t).endsWith(".dlq"))
                .mapToInt(t -> (Integer) map(t.get("spec")).get("partitions")).min().orElseThrow();
        List<Map<String, Object>> objects = overlay.render();
        for (Map<String, Object> deployment : objects(objects, "Deployment")) {
            Map<String, Object> scaling = map(object(objects, "HorizontalPodAutoscaler", name(deployment)).get("spec"));
            assertThat(map(scaling.get("scaleTargetRef"))).containsEntry("kind", "Deployment").containsEntry("name", name(deployment));
            assertThat((Integer) scaling.get("minReplicas")).isGreaterThanOrEqualTo(2);
            assertThat((Integer) scaling.get("maxReplicas")).isLessThanOrEqualTo(fewestPartitions);
            assertThat(map(deployment.get("spec"))).as("replicas belong to the autoscaler").doesNotContainKey("replicas");
        }
        assertThat(objects(kafka, "KafkaTopic")).allSatisfy(t ->
                assertThat(map(metadata(t).get("labels"))).containsEntry("strimzi.io/cluster", "wanjia-kafka"));
    }

    @Test
    void shouldKeepEventsForRebuildsButLabourReportsNoLongerThanNeeded() throws Exception {
        List<Map<String, Object>> kafka = districts().findFirst().orElseThrow().renderKafka();
        Map<String, Object> retention = new TreeMap<>();
        objects(kafka, "KafkaTopic").forEach(t -> retention.put(name(t), map(map(t.get("spec")).get("config")).get("retention.ms")));

        assertThat(retention).containsEntry("210102." + Topics.HOUSEHOLD_EVENTS, -1)
                .containsEntry("210102." + Topics.PLACEMENT_EVENTS, -1)
                .containsEntry("210102." + Topics.ESCALATION_EVENTS, -1);
        assertThat(((Number) retention.get("210102." + Topics.LABOUR_STATUS_REPORTS)).longValue()).isPositive();
    }

    /**
     * The topics and consumer groups of a service's incoming channels, as this deployment resolves them, and the
     * prefixes it puts before the topics it publishes to (the city's for a city-wide topic, as the outbox does).
     */
    record Channels(Set<String> topics, Set<String> groups, String topicPrefix, String cityTopicPrefix) {
        static Channels of(String service, Map<String, String> settings) throws Exception {
            Properties config = RepositoryFiles.serviceConfig(service);
            Map<String, String> values = new HashMap<>();
            values.put("wanjia.topic-prefix", settings.get("WANJIA_TOPIC_PREFIX"));
            if (settings.containsKey("WANJIA_CITY_TOPIC_PREFIX")) {
                values.put("wanjia.city-topic-prefix", settings.get("WANJIA_CITY_TOPIC_PREFIX"));
            }
            Set<String> topics = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (String key : config.stringPropertyNames()) {
                if (!key.startsWith("mp.messaging.incoming.")) {
                    continue;
                }
                String override = settings.get(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
                String value = override != null ? override : RepositoryFiles.resolve(config.getProperty(key), values);
                if (key.endsWith(".topic") || key.endsWith(".topics")) {
                    topics.addAll(List.of(value.split(",")));
                } else if (key.endsWith(".group.id")) {
                    groups.add(value);
                }
            }
            assertThat(topics).as("%s reads topics", service).isNotEmpty();
            return new Channels(topics, groups, values.get("wanjia.topic-prefix"),
                    values.getOrDefault("wanjia.city-topic-prefix", ""));
        }

        String prefixed(String topic) {
            return (Topics.cityWide(topic) ? cityTopicPrefix : topicPrefix) + topic;
        }
    }

    private static List<Map<String, Object>> render(String directory) throws Exception {
        String yaml = RepositoryFiles.run(Map.of(), "kubectl", "kustomize", directory);
        List<Map<String, Object>> objects = new ArrayList<>();
        new Yaml().loadAll(yaml).forEach(o -> objects.add(map(o)));
        return objects;
    }

    /** A user's ACLs: the operations allowed on each resource ("topic NAME", "group NAME"), however they are split. */
    private static Map<String, Set<String>> acls(Map<String, Object> user) {
        Map<String, Set<String>> acls = new TreeMap<>();
        for (Object acl : list(map(map(user.get("spec")).get("authorization")).get("acls"))) {
            Map<String, Object> resource = map(map(acl).get("resource"));
            assertThat(resource.get("patternType")).isEqualTo("literal");
            allow(acls, resource.get("type") + " " + resource.get("name"),
                    list(map(acl).get("operations")).stream().map(Object::toString).toArray(String[]::new));
        }
        return acls;
    }

    private static void allow(Map<String, Set<String>> acls, String resource, String... operations) {
        acls.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    /** A stand-in kubectl over {@code cluster} holding what Strimzi made; the environment to run district-secrets.sh in. */
    private static Map<String, String> fakeCluster(Path cluster) throws Exception {
        Path kubectl = Files.writeString(Files.createDirectories(cluster.resolve("bin")).resolve("kubectl"), FAKE_KUBECTL);
        assertThat(kubectl.toFile().setExecutable(true)).isTrue();
        // what Strimzi made: the cluster's CA and a password per Kafka user
        writeSecret(cluster, "kafka", "wanjia-kafka-cluster-ca-cert", "ca.crt", "a certificate");
        for (Overlay overlay : overlays().toList()) {
            for (String service : overlay.services()) {
                writeSecret(cluster, "kafka", overlay.prefix() + service, "sasl.jaas.config", "a password");
            }
        }
        return Map.of("PATH", kubectl.getParent() + ":" + System.getenv("PATH"),
                "SECRETS", cluster.resolve("secrets").toString(), "BACKUP_ACCESS_KEY_ID", "id", "BACKUP_ACCESS_SECRET_KEY", "key");
    }

    /**
     * One of the console's forwards: the page name in {@code /api/{page}/v1/...}, the variable that sets its URL, and the
     * service it is, found by the port of its local default ({@code http://127.0.0.1:8081} is household-service's).
     */
    record ConsoleForward(String page, String variable, int port, String service) {
    }

    /** The console's forwards as its application.properties declares them. */
    static List<ConsoleForward> consoleForwards() throws Exception {
        Properties console = RepositoryFiles.serviceConfig(CONSOLE);
        Pattern forward = Pattern.compile("\\$\\{([A-Z_]+):http://127\\.0\\.0\\.1:(\\d+)}");
        List<ConsoleForward> forwards = new ArrayList<>();
        for (String key : new TreeSet<>(console.stringPropertyNames())) {
            if (!key.startsWith("wanjia.console.services.")) {
                continue;
            }
            Matcher value = forward.matcher(console.getProperty(key));
            assertThat(value.matches()).as("%s=%s", key, console.getProperty(key)).isTrue();
            int port = Integer.parseInt(value.group(2));
            List<String> services = new ArrayList<>();
            for (String service : RepositoryFiles.SERVICES) {
                if (Integer.parseInt(RepositoryFiles.serviceConfig(service).getProperty("quarkus.http.port")) == port) {
                    services.add(service);
                }
            }
            assertThat(services).as("the service on port %s", port).hasSize(1);
            forwards.add(new ConsoleForward(key.substring(key.lastIndexOf('.') + 1), value.group(1), port, services.get(0)));
        }
        assertThat(forwards).extracting(ConsoleForward::service).containsExactlyInAnyOrderElementsOf(RepositoryFiles.SERVICES);
        return forwards;
    }

    /** The environment variable a console property is read from ({@code ${WANJIA_OIDC_URL:...}} → WANJIA_OIDC_URL). */
    static String variableOf(Properties config, String property) {
        Matcher variable = Pattern.compile("\\$\\{([A-Z_]+)[:}]").matcher(config.getProperty(property, ""));
        assertThat(variable.find()).as("%s is read from an environment variable", property).isTrue();
        return variable.group(1);
    }

    /** district-secrets.sh for the city, then for each district, as deploy/README.md says. */
    private static void runDistrictSecrets(Map<String, String> environment) throws Exception {
        for (Overlay overlay : Stream.concat(Stream.of(city()), districts()).toList()) {
            List<String> command = new ArrayList<>(List.of("bash", "deploy/k8s/district-secrets.sh", overlay.namespace(), overlay.prefix()));
            if (overlay.equals(city())) {
                command.addAll(overlay.services());
            }
            assertThat(RepositoryFiles.run(environment, command.toArray(String[]::new))).doesNotContain("warning");
        }
    }

    /** The city's hash key and each district's two national-ID keys, by "NAMESPACE KEY". */
    private static Map<String, String> nationalIdKeys(Path cluster) throws Exception {
        Map<String, String> keys = new TreeMap<>();
        keys.put(city().namespace() + " hash-key", readSecret(cluster, city().namespace(), "wanjia-national-id-hash", "hash-key"));
        for (Overlay district : districts().toList()) {
            for (String key : List.of("hash-key", "encryption-key")) {
                keys.put(district.namespace() + " " + key, readSecret(cluster, district.namespace(), "wanjia-national-id", key));
            }
        }
        return keys;
    }

    /**
     * kubectl as district-secrets.sh uses it, over a directory: secret KEY of NAME in NAMESPACE is the file
     * $SECRETS/NAMESPACE/NAME/KEY (the script is checked for what it creates and copies, not against a cluster).
     */
    private static final String FAKE_KUBECTL = """
            #!/usr/bin/env bash
            set -euo pipefail
            namespace=default
            if [[ $1 == -n ]]; then namespace=$2; shift 2; fi
            case "$1 $2" in
              "get namespace") [[ -d $SECRETS/$3 ]] ;;
              "create namespace") mkdir -p "$SECRETS/$3" ;;
              "get secret")
                [[ -d $SECRETS/$namespace/$3 ]]
                if [[ ${4:-} == -o ]]; then
                  key=${5#'jsonpath={.data.'}; key=${key%'}'}; key=${key//'\\'/}
                  base64 -w0 <"$SECRETS/$namespace/$3/$key"
                fi ;;
              "create secret")
                secret=$SECRETS/$namespace/$4; mkdir "$secret"; shift 4
                for arg; do
                  if [[ $arg == --from-literal=* ]]; then pair=${arg#--from-literal=}; printf %s "${pair#*=}" >"$secret/${pair%%=*}"; fi
                done ;;
              *) echo "kubectl $* is not faked" >&2; exit 2 ;;
            esac
            """;

    private static void writeSecret(Path cluster, String namespace, String name, String key, String value) throws Exception {
        Files.writeString(Files.createDirectories(cluster.resolve("secrets").resolve(namespace).resolve(name)).resolve(key), value);
    }

    private static String readSecret(Path cluster, String namespace, String name, String key) throws Exception {
        return Files.readString(cluster.resolve("secrets").resolve(namespace).resolve(name).resolve(key));
    }

    /** Every value found under the given keys anywhere in the objects (a secret or config map name). */
    private static Set<String> references(List<Map<String, Object>> objects, String... keys) {
        Set<String> names = new TreeSet<>();
        objects.forEach(o -> collect(o, Set.of(keys), names));
        return names;
    }

    private static void collect(Object node, Set<String> keys, Set<String> names) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if (keys.contains(key)) {
                    names.add(value instanceof Map<?, ?> ref ? ref.get("name").toString() : value.toString());
                } else {
                    collect(value, keys, names);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collect(item, keys, names));
        }
    }

    private static Map<String, String> settings(List<Map<String, Object>> objects) {
        Map<String, Object> data = map(objects(objects, "ConfigMap").stream()
                .filter(c -> name(c).startsWith("wanjia-settings")).findFirst().orElseThrow().get("data"));
        Map<String, String> settings = new java.util.HashMap<>();
        data.forEach((k, v) -> settings.put(k, v.toString()));
        return settings;
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new java.util.HashMap<>();
        for (Object variable : list(container.get("env"))) {
            Map<String, Object> v = map(variable);
            Object value = v.containsKey("value") ? v.get("value")
                    : map(map(v.get("valueFrom")).get("secretKeyRef")).get("name");
            env.put(v.get("name").toString(), value.toString());
        }
        return env;
    }

    /** A container's environment variables by name, each as written ({@code value} or {@code valueFrom}). */
    private static Map<String, Map<String, Object>> variables(Map<String, Object> container) {
        Map<String, Map<String, Object>> variables = new TreeMap<>();
        for (Object variable : list(container.get("env"))) {
            assertThat(variables.put(map(variable).get("name").toString(), map(variable))).as("set once").isNull();
        }
        return variables;
    }

    private static String value(Map<String, Map<String, Object>> variables, String name) {
        assertThat(variables).containsKey(name);
        assertThat(variables.get(name)).as(name).containsKey("value");
        return variables.get(name).get("value").toString();
    }

    /** The reference ({@code secretKeyRef}, {@code configMapKeyRef}) a variable is taken from: its name and key. */
    private static Map<String, Object> valueFrom(Map<String, Map<String, Object>> variables, String name, String kind) {
        assertThat(variables).containsKey(name);
        assertThat(variables.get(name)).as(name).containsKey("valueFrom");
        return map(map(variables.get(name).get("valueFrom")).get(kind));
    }

    private static Map<String, Object> pod(List<Map<String, Object>> objects, String deployment) {
        return map(map(map(object(objects, "Deployment", deployment).get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> container(List<Map<String, Object>> objects, String service) {
        return map(list(pod(objects, service).get("containers")).get(0));
    }

    private static Map<String, Object> podLabels(List<Map<String, Object>> objects, String service) {
        return map(map(map(map(object(objects, "Deployment", service).get("spec")).get("template")).get("metadata")).get("labels"));
    }

    private static Map<String, Object> probe(Map<String, Object> container, String probe) {
        return map(map(container.get(probe)).get("httpGet"));
    }

    private static int mebibytes(Object quantity) {
        Matcher mi = Pattern.compile("(\\d+)Mi").matcher(quantity.toString());
        assertThat(mi.matches()).as("memory %s in Mi", quantity).isTrue();
        return Integer.parseInt(mi.group(1));
    }

    private static List<Map<String, Object>> objects(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        return objects(objects, kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The config of KafkaTopic {@code topic}. */
    private static Map<String, Object> config(List<Map<String, Object>> kafka, String topic) {
        return map(map(object(kafka, "KafkaTopic", topic).get("spec")).get("config"));
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        return map(object.get("metadata"));
    }

    private static String name(Map<String, Object> object) {
        return metadata(object).get("name").toString();
    }

    private static String projectVersion() throws Exception {
        Matcher version = Pattern.compile("<artifactId>wanjia-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    interface Render {
        List<Map<String, Object>> get() throws Exception;
    }

    private static List<Map<String, Object>> unchecked(Render render) {
        try {
            return render.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
