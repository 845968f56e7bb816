package io.wanjia.commons.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    @Incoming("ledger")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        inbox.process("ledger", records, this::apply);
    }

    private void apply(CloudEvent event) throws Exception {
        EventType type = EventType.ofType(event.type())
                .orElseThrow(() -> new RejectedEventException("ce_type", "is not in the catalogue"));
        schemas.validate(type, event.data());
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
