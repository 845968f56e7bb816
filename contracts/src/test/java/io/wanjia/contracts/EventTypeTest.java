package io.wanjia.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.wanjia.contracts.household.LabourReportsReceived;

/** The catalogue answers for each of its types, by name and by payload class, and for nothing else. */
class EventTypeTest {

    /** A record shaped like a payload but not in the catalogue. */
    record Uncatalogued(UUID householdId) {
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldFindEachEntryByItsTypeName(EventType type) {
        assertThat(EventType.ofType(type.type())).contains(type);
    }

    @Test
    void shouldFindAnEntryByItsPayloadAndRefuseARecordOutsideTheCatalogue() {
        assertThat(EventType.of(new LabourReportsReceived(List.of()))).isEqualTo(EventType.LABOUR_REPORTS_RECEIVED);
        assertThatThrownBy(() -> EventType.of(new Uncatalogued(UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a catalogued event payload");
    }

    @Test
    void shouldKnowNoOtherTypeName() {
        assertThat(EventType.ofType("wanjia.household.unknown.v1")).isEmpty();
        assertThat(EventType.ofType(null)).isEmpty();
    }
}
