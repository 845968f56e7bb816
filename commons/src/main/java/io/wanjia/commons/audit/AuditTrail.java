package io.wanjia.commons.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.tx.WriteBehind;

/**
 * Records every write: who (the token subject, or the event that caused it for consumers), when, what, and the
 * entity before and after, in the same transaction as the write. Callers pass views that hold no national ID in
 * clear. Entries are append-only (a database trigger) and kept {@code wanjia.audit.retention}, at least 180 days.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final String INSERT = """
            INSERT INTO audit_entry (actor, at, entity_type, entity_id, action, before, after)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""";

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    WriteBehind writes;
    @Inject
    AuditConfig config;

    void checkRetention(@Observes StartupEvent start) {
        if (config.retention().compareTo(AuditConfig.MINIMUM_RETENTION) < 0) {
            throw new IllegalStateException("wanjia.audit.retention must be at least P180D (Cybersecurity Law art. 21), not "
                    + config.retention());
        }
    }

    /**
     * The actor of a write an event caused: its source and id, e.g. {@code event:/liaoning/social-insurance#42}, after
     * the token subject of whoever sent it over HTTP (the source is the publisher's own word, the subject is not).
     * Anything shaped like a national ID in the publisher's text is masked.
     */
    public static String actorOf(CloudEvent event) {
        String caller = currentActor();
        String cause = "event:" + Redaction.mask(event.source()) + "#" + Redaction.mask(event.id());
        return "system".equals(caller) ? cause : caller + " " + cause;
    }

    /** One audit entry as read back. */
    public record Entry(long id, String actor, Instant at, String entityType, String entityId, String action,
            JsonNode before, JsonNode after) {
    }

    /** Records a write by the current caller (or {@code system} outside a request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entityType, Object entityId, String action, Object before, Object after) {
        recordAs(currentActor(), entityType, entityId, action, before, after);
    }

    /** Records a write by a named actor, e.g. {@code event:/wanjia/placement-service}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(String actor, String entityType, Object entityId, String action, Object before, Object after) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, actor);
            insert.setTimestamp(2, Timestamp.from(clock.instant()));
            insert.setString(3, entityType);
            insert.setString(4, entityId.toString());
            insert.setString(5, action);
            insert.setString(6, before == null ? null : json.writeValueAsString(before));
            insert.setString(7, after == null ? null : json.writeValueAsString(after));
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write the audit trail", e);
        }
    }

    /**
     * Records a write by {@code actor} at commit, in a JDBC batch with the transaction's other writes ({@link WriteBehind}):
     * for the hot paths, where an event changes a household and nothing reads the entry back before commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAtCommit(String actor, String entityType, Object entityId, String action, Object before, Object after) {
        try {
            writes.add(INSERT, actor, Timestamp.from(clock.instant()), entityType, entityId.toString(), action,
                    before == null ? null : json.writeValueAsString(before), after == null ? null : json.writeValueAsString(after));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the audit trail", e);
        }
    }

    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purgeExpired();
    }

    /**
     * Deletes the entries older than the retention; returns how many. Never one the database's own clock finds younger
     * than 180 days (its trigger would refuse the whole statement), whatever this service's clock says.
     */
    public int purgeExpired() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM audit_entry WHERE at < ? AND at < now() - interval '180 days'")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(config.retention())));
            int purged = delete.executeUpdate();
            if (purged > 0) {
                LOG.infof("purged %d audit entries older than %s", purged, config.retention());
            }
            return purged;
        } catch (SQLException e) {
            throw new IllegalStateException("could not purge the audit trail", e);
        }
    }

    /**
     * Refuses (429, rule {@code allowance}) when the current caller already recorded {@code limit} entries of
     * {@code action} within {@code window}: how sensitive reads (a national ID revealed, a person looked up by ID) are
     * rationed. The caller's entries are counted under a transaction-scoped advisory lock, so two replicas cannot both
     * let a request through on the last allowance; record the action in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireAllowance(String action, int limit, Duration window) {
        String actor = currentActor();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
                PreparedStatement count = connection.prepareStatement("""
                        SELECT count(*) FROM audit_entry WHERE actor = ? AND action = ? AND at > ?""")) {
            lock.setString(1, "audit-allowance:" + actor);
            lock.execute();
            count.setString(1, actor);
            count.setString(2, action);
            count.setTimestamp(3, Timestamp.from(clock.instant().minus(window)));
            try (var rows = count.executeQuery()) {
                rows.next();
                if (rows.getLong(1) >= limit) {
                    throw ProblemException.tooManyRequests("allowance", "you have used your " + limit + " of " + action
                            + " within " + window.toString().substring(2).toLowerCase() + "; try again later");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail", e);
        }
    }

    /** The entries of one entity, oldest first. */
    public List<Entry> history(String entityType, Object entityId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT id, actor, at, entity_type, entity_id, action, before::text, after::text
                        FROM audit_entry WHERE entity_type = ? AND entity_id = ? ORDER BY id""")) {
            select.setString(1, entityType);
            select.setString(2, entityId.toString());
            List<Entry> entries = new ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getString(4), rows.getString(5), rows.getString(6), readJson(rows.getString(7)),
                            readJson(rows.getString(8))));
                }
            }
            return entries;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read the audit trail", e);
        }
    }

    private JsonNode readJson(String text) throws JsonProcessingException {
        return text == null ? null : json.readTree(text);
    }

    /** Who is writing: the caller's principal within a request, else {@code system}. */
    public static String currentActor() {
        if (Arc.container().requestContext().isActive()) {
            SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
            if (identity != null && !identity.isAnonymous()) {
                return identity.getPrincipal().getName();
            }
        }
        return "system";
    }
}
