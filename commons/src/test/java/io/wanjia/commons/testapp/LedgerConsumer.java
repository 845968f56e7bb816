package io.wanjia.commons.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.cloudevents.EventSchemas;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.contracts.EventType;

/** A consumer of household events that writes what it applies to a ledger table: the "other service" of the tests. */
@ApplicationScoped
public class LedgerConsumer {

    @Inject
    EventInbox inbox;
    @Inject
    EventSchemas schemas;
    @Inject
    DataSource dataSource;

    /** Every type but a household's exit: the ledger does not follow exits, and the inbox passes over them. */
    private static final Set<EventType> FOLLOWED = EnumSet.complementOf(EnumSet.of(EventType.HOUSEHOLD_EXITED));

    /** Households whose events lose their database connection this many more times before they apply (tests). */
    private final Map<String, AtomicInteger> connectionLosses = new ConcurrentHashMap<>();

    /** The next {@code times} attempts to apply an event of {@code household} end their own database connection. */
    public void loseConnectionFor(UUID household, int times) {
        connectionLosses.put(household.toString(), new AtomicInteger(times));
    }

    @Incoming("ledger")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process("ledger", FOLLOWED, records, this::apply);
    }

    private void apply(CloudEvent event) throws Exception {
        EventType type = EventType.ofType(event.type())
                .orElseThrow(() -> new RejectedEventException("ce_type", "is not in the catalogue"));
        schemas.validate(type, event.data());
        AtomicInteger losses = connectionLosses.get(event.data().path("householdId").asText());
        if (losses != null && losses.getAndDecrement() > 0) {
            // A real connection loss while the database answers: the server ends this backend (SQL state 57P01).
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement terminate = connection.prepareStatement("SELECT pg_terminate_backend(pg_backend_pid())")) {
                terminate.executeQuery();
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO ledger (event_id, household_id, reason) VALUES (?, ?, ?)")) {
            insert.setString(1, event.id());
            insert.setString(2, event.data().path("householdId").asText());
            insert.setString(3, event.data().path("reason").asText(type.name()));
            insert.executeUpdate();
        }
    }

    /** The reasons the ledger recorded for {@code household}, in the order applied. */
    public List<String> reasons(UUID household) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT reason FROM ledger WHERE household_id = ? ORDER BY seq")) {
            select.setString(1, household.toString());
            List<String> reasons = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reasons.add(rows.getString(1));
                }
            }
            return reasons;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
