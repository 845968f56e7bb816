package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Policy snapshots as cases keep them: one written before a setting existed reads with that setting's default. */
class PolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void shouldReadASnapshotFromBeforeTheIdentificationWithTheStandardSubDeadlinesAndTheClockAtDetection() throws Exception {
        Policy policy = JSON.readValue("""
                {"areaPrefix": "2101", "lengthDays": 20, "dayKind": "CALENDAR", "repeatEveryDays": 5,
                 "ladder": [{"day": 10, "level": "COMMUNITY", "recipientRole": "caseworker", "areaDigits": 6}],
                 "breach": {"day": 21, "level": "CITY", "recipientRole": "supervisor", "areaDigits": 4}}""", Policy.class);

        assertThat(policy.identification()).isEqualTo(IdentificationDeadlines.STANDARD);
        assertThat(policy.clockStarts()).isEqualTo(ClockStart.ZERO_EMPLOYMENT);
    }

    @Test
    void shouldKeepAClockThatStartsAtConfirmationInItsSnapshot() throws Exception {
        Policy standard = Policy.standard("210106");
        Policy atConfirmation = new Policy(standard.areaPrefix(), standard.lengthDays(), standard.dayKind(), standard.ladder(),
                standard.breach(), standard.repeatEveryDays(), null, ClockStart.CONFIRMATION);

        assertThat(JSON.readValue(JSON.writeValueAsString(atConfirmation), Policy.class)).isEqualTo(atConfirmation);
    }
}
