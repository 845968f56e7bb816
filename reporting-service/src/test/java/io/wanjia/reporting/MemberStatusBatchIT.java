package io.wanjia.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.Gender;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.reporting.service.Projection;

/**
 * Members' statuses are written once per transaction, set-based ({@code Projection.memberStatus}): a batch in which
 * members change several times, some with dates older than what the batch or the table already holds, leaves what one
 * write at a time left — each member's latest-dated status (the later of two on one day), and the 双就业 counters that
 * go with it. Applied to a generation of its own, which no figure reads.
 */
@QuarkusTest
class MemberStatusBatchIT {

    private static final String HEPING = "210102";

    @Inject
    Projection projection;
    @Inject
    DataSource database;

    @Test
    void shouldLeaveEachMembersLatestDatedStatusAsOneWriteAtATimeDid() throws SQLException {
        int generation = 800_000 + (int) (Math.random() * 90_000);
        UUID household = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(generation, event(EventType.ZERO_EMPLOYMENT_STARTED, household,
                    new ZeroEmploymentStarted(household, HEPING, day(1), "STANDARD", List.of())));
            projection.apply(generation, changed(household, c, true, day(20)));
        });

        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(generation, changed(household, a, true, day(10))); // two at work with c: 双就业 reached
            projection.apply(generation, changed(household, b, true, day(12))); // three
            projection.apply(generation, changed(household, a, false, day(5))); // older than a's: changes nothing
            projection.apply(generation, changed(household, b, false, day(12))); // same day, later: b leaves work
            projection.apply(generation, changed(household, c, false, day(15))); // older than the table's row: nothing
        });

        assertThat(statuses(generation)).containsExactlyInAnyOrderEntriesOf(Map.of(a, "true " + day(10), b, "false " + day(12),
                c, "true " + day(20)));
        assertThat(number(generation, "SELECT employed FROM household_employment WHERE generation = ? AND household_id = ?", household))
                .isEqualTo(2);
        assertThat(doubles(generation)).as("households of two at work, counted once").isEqualTo(1);

        QuarkusTransaction.requiringNew().run(() -> projection.apply(generation, changed(household, c, false, day(25))));

        assertThat(number(generation, "SELECT employed FROM household_employment WHERE generation = ? AND household_id = ?", household))
                .isEqualTo(1);
        assertThat(doubles(generation)).as("one at work: no longer 双就业").isZero();

        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(generation, changed(household, b, true, day(26)));
            projection.apply(generation, changed(household, a, false, day(26))); // one in, one out
            projection.apply(generation, changed(household, c, true, day(26))); // two at work again
        });

        assertThat(statuses(generation)).containsExactlyInAnyOrderEntriesOf(Map.of(a, "false " + day(26), b, "true " + day(26),
                c, "true " + day(26)));
        assertThat(number(generation, "SELECT employed FROM household_employment WHERE generation = ? AND household_id = ?", household))
                .isEqualTo(2);
        assertThat(doubles(generation)).isEqualTo(1);
    }

    private long doubles(int generation) throws SQLException {
        return number(generation, """
                SELECT coalesce((SELECT sum(n) FROM tally WHERE generation = ? AND figure = 'double'), 0)
                     + coalesce((SELECT sum(n) FROM tally_delta WHERE generation = ? AND figure = 'double'), 0)""", null);
    }

    private static LocalDate day(int day) {
        return LocalDate.of(2026, 3, day);
    }

    static CloudEvent changed(UUID household, UUID member, boolean employed, LocalDate on) {
        return event(EventType.MEMBER_CHANGED, household, new MemberChanged(household, HEPING, new MemberSummary(member, 40, Gender.MALE,
                employed ? "EMPLOYED_STABLE" : "UNEMPLOYED", true), "STATUS", "TEST", on, null));
    }

    static CloudEvent event(EventType type, UUID household, Record payload) {
        return new CloudEvent(UUID.randomUUID().toString(), type.type(), "/test", Instant.now(), household.toString(),
                ReportingFixtures.JSON.valueToTree(payload));
    }

    private Map<UUID, String> statuses(int generation) throws SQLException {
        Map<UUID, String> found = new LinkedHashMap<>();
        try (Connection db = database.getConnection();
                PreparedStatement query = db.prepareStatement("SELECT member_id, employed, effective_on FROM member_status WHERE generation = ?")) {
            query.setInt(1, generation);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getObject(1, UUID.class), rows.getBoolean(2) + " " + rows.getObject(3, LocalDate.class));
                }
            }
        }
        return found;
    }

    /** The number {@code sql} gives for the generation (and the household, where it takes one). */
    private long number(int generation, String sql, UUID household) throws SQLException {
        try (Connection db = database.getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setInt(1, generation);
            if (household != null) {
                query.setObject(2, household);
            } else {
                query.setInt(2, generation);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
