import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the platform's topics on a broker when they are missing, in one JVM start.
 * Usage: {@code java -cp KAFKA_CLASSPATH CreateTopics.java BOOTSTRAP PARTITIONS TOPIC...}; a topic written
 * {@code NAME:compact} is created with {@code cleanup.policy=compact}.
 * An existing topic keeps its partition count and settings; the script says so instead of failing.
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CreateTopics BOOTSTRAP PARTITIONS TOPIC...");
            System.exit(2);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        int partitions = Integer.parseInt(args[1]);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                boolean compact = args[i].endsWith(":compact");
                String name = compact ? args[i].substring(0, args[i].length() - ":compact".length()) : args[i];
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1).configs(compact
                            ? Map.of("min.insync.replicas", "1", "cleanup.policy", "compact")
                            : Map.of("min.insync.replicas", "1")));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            System.err.println("topics: " + missing.size() + " created, " + (args.length - 2 - missing.size()) + " already there");
        }
    }
}
