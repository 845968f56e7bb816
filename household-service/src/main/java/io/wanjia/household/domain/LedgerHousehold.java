package io.wanjia.household.domain;

import java.time.LocalDate;
import java.util.List;

import io.wanjia.contracts.Cohort;

/**
 * One household of a ledger: the rows that carry its household number, one after another. The household's own facts
 * come from its first row; {@code errors} holds every rule any of its rows breaks, so a household is registered only
 * when it has none ({@link #valid()}).
 */
public record LedgerHousehold(String ref, long firstRow, List<Long> rows, String districtCode, String street, String community,
        String address, Cohort cohort, LocalDate movedBackOn, boolean minimumLivingAllowance, List<LedgerMember> members,
        List<LedgerError> errors) {

    /** Whether every row of the household passed. */
    public boolean valid() {
        return errors.isEmpty();
    }
}
