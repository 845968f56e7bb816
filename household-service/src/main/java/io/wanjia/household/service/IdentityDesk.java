package io.wanjia.household.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.NationalId;

/**
 * The two ways to a national ID beyond its mask: finding a person by the number typed in full (matched by its keyed
 * hash, never stored or logged) and revealing a member's number with a reason. Each use is audited and rationed per
 * caller, so that trying the ~500 numbers a mask leaves open is both slow and on record; a registration refused as a
 * duplicate counts as a lookup, since its 409 answers the same question.
 */
@ApplicationScoped
public class IdentityDesk {

    /** The audit action of a lookup by typed national ID, hit or miss. */
    public static final String LOOKUP = "LOOKUP_BY_NATIONAL_ID";
    /** The audit action of a national ID shown in full. */
    public static final String REVEAL = "REVEAL_NATIONAL_ID";

    @Inject
    NationalIdVault vault;
    @Inject
    HouseholdRegister register;
    @Inject
    AuditTrail audit;
    @Inject
    AreaScope scope;
    @Inject
    HouseholdConfig config;

    /** A person found by national ID: which member of which household. */
    public record Match(UUID householdId, UUID memberId) {
    }

    /**
     * The member with this national ID if their household lies in the caller's area. A miss is empty, whether the
     * person is not registered or registered elsewhere, and is audited like a hit: misses are what guessing produces,
     * so they must count against the allowance (which is why this returns instead of throwing, which would roll the
     * audit entry back).
     */
    @Transactional
    public Optional<Match> lookup(String typed) {
        requireLookupAllowance();
        NationalId id = parse(typed);
        Member member = Member.byNationalIdHashes(vault.hashes(id));
        if (member == null || !scope.covers(member.household.districtCode)) {
            audit.record("national-id-lookup", "miss", LOOKUP, null, null);
            return Optional.empty();
        }
        audit.record("household", member.household.id, LOOKUP, null, Map.of("memberId", member.id));
        return Optional.of(new Match(member.household.id, member.id));
    }

    /**
     * Counts a registration refused because its national ID is on the register as a lookup that hit, in a transaction
     * of its own (the registration's rolls back): the 409 tells the caller the number is registered, so typing numbers
     * into registrations must cost the same allowance as typing them into a lookup. 429 once it is used up.
     */
    public void recordDuplicateFound() {
        QuarkusTransaction.requiringNew().run(() -> {
            requireLookupAllowance();
            audit.record("national-id-lookup", "registration", LOOKUP, null, Map.of("by", "registration refused as a duplicate"));
        });
    }

    /**
     * Counts {@code count} national IDs typed for {@code purpose} (a transfer request, whose answer says where each person
     * is registered) as lookups, in a transaction of their own, before they are looked up: a request refused afterwards
     * still costs them. 429 once the allowance is used up.
     */
    public void recordLookups(int count, String purpose) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                requireLookupAllowance();
                audit.record("national-id-lookup", purpose, LOOKUP, null, Map.of("by", purpose));
            }
        });
    }

    /** A member's national ID in full, for a caller of the household's area who gives a reason; audited with it. */
    @Transactional
    public NationalId reveal(UUID householdId, UUID memberId, String reason) {
        Household household = register.get(householdId);
        Member member = household.members.stream().filter(m -> m.id.equals(memberId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("member", memberId));
        audit.requireAllowance(REVEAL, config.disclosure().revealsPerDay(), Duration.ofDays(1));
        audit.record("household", household.id, REVEAL, null, Map.of("memberId", member.id, "reason", reason.trim()));
        return vault.decrypt(member.nationalIdKey, member.nationalIdCipher);
    }

    private void requireLookupAllowance() {
        audit.requireAllowance(LOOKUP, config.disclosure().lookupsPerHour(), Duration.ofHours(1));
        audit.requireAllowance(LOOKUP, config.disclosure().lookupsPerDay(), Duration.ofDays(1));
    }

    private static NationalId parse(String typed) {
        try {
            return NationalId.parse(typed);
        } catch (NationalId.InvalidNationalIdException e) {
            throw ProblemException.invalid("nationalId", e.rule(), "nationalId " + e.getMessage());
        }
    }
}
