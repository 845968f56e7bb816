package io.wanjia.household.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.household.HouseholdRegistered;
import io.wanjia.household.ContactAttempt;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.Cause;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.Reachability;
import io.wanjia.household.domain.SituationChange;
import io.wanjia.household.rest.HouseholdRequests.Exit;
import io.wanjia.household.rest.HouseholdRequests.MemberChange;
import io.wanjia.household.rest.HouseholdRequests.NewMember;
import io.wanjia.household.rest.HouseholdRequests.RegisterHousehold;
import io.wanjia.household.rest.HouseholdViews.HouseholdView;
import io.wanjia.household.rest.HouseholdViews.MemberView;

/** The case workers' operations on the register, each one transaction: write, audit, decide, publish. */
@ApplicationScoped
public class HouseholdRegister {

    @Inject
    NationalIdVault vault;
    @Inject
    IdentityDesk identities;
    @Inject
    DivisionCodes divisions;
    @Inject
    ZeroEmploymentTransitions transitions;
    @Inject
    LabourReports labourReports;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    AreaScope scope;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    ContactLog contacts;
    @Inject
    HouseholdConfig config;

    /** Registers a household with its members, applies reports that waited for them, and decides. */
    @Transactional
    public Household register(RegisterHousehold request) {
        requireDistrict(request.districtCode(), "districtCode");
        LocalDate today = LocalDate.now(clock);
        Household household = new Household();
        household.id = UUID.randomUUID();
        household.districtCode = request.districtCode();
        household.street = request.street().trim();
        household.community = request.community().trim();
        household.address = request.address().trim();
        household.cohort = request.cohort();
        household.registeredOn = today;
        household.status = HouseholdStatus.NOT_ZERO_EMPLOYMENT;
        // Every member is checked before any is looked up on the register: a request refused for another member's
        // input must not first have told the caller which of its numbers are registered (and cost nothing).
        List<NationalId> ids = new ArrayList<>();
        Set<NationalId> seen = new HashSet<>();
        for (int i = 0; i < request.members().size(); i++) {
            NationalId id = validated(request.members().get(i), "members[" + i + "].", today);
            if (!seen.add(id)) {
                throw ProblemException.invalid("members[" + i + "].nationalId", "unique", "the same national ID appears twice in this household");
            }
            ids.add(id);
        }
        for (int i = 0; i < ids.size(); i++) {
            requireNotRegistered(ids.get(i), "members[" + i + "].");
        }
        for (int i = 0; i < ids.size(); i++) {
            household.members.add(newMember(household, request.members().get(i), ids.get(i)));
        }
        household.persist();
        flushOrConflict("members");
        outbox.publish(household.id, new HouseholdRegistered(household.id, household.districtCode, household.cohort.name(),
                today, household.members.stream().map(m -> ZeroEmploymentTransitions.summary(m, today)).toList()));
        household.members.forEach(m -> labourReports.applyPending(household, m));
        transitions.recompute(household, today, Cause.REGISTRATION);
        audit.record("household", household.id, "REGISTER", null, view(household));
        return household;
    }

    /** One household in the caller's area, or 404. */
    public Household get(UUID id) {
        Household household = Household.findById(id);
        if (household == null) {
            throw ProblemException.notFound("household", id);
        }
        scope.require(household.districtCode, "household", id);
        return household;
    }

    /** Households in the caller's area, narrowed by an optional district prefix, status and since range. */
    public List<Household> list(String districtPrefix, HouseholdStatus status, LocalDate sinceFrom, LocalDate sinceTo,
            int page, int size) {
        return query(districtPrefix, status, sinceFrom, sinceTo).page(Page.of(page, size)).list();
    }

    /** How many households {@link #list} would page through. */
    public long count(String districtPrefix, HouseholdStatus status, LocalDate sinceFrom, LocalDate sinceTo) {
        return query(districtPrefix, status, sinceFrom, sinceTo).count();
    }

    private io.quarkus.hibernate.orm.panache.PanacheQuery<Household> query(String districtPrefix, HouseholdStatus status,
            LocalDate sinceFrom, LocalDate sinceTo) {
        String area = scope.area();
        String prefix = districtPrefix == null || districtPrefix.isBlank() || area.startsWith(districtPrefix) ? area : districtPrefix;
        if (!prefix.startsWith(area)) {
            prefix = "-"; // disjoint from the caller's area: nothing matches
        }
        StringBuilder where = new StringBuilder("districtCode like :prefix");
        Map<String, Object> params = new HashMap<>();
        params.put("prefix", prefix + "%");
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (sinceFrom != null) {
            where.append(" and zeroEmploymentSince >= :from");
            params.put("from", sinceFrom);
        }
        if (sinceTo != null) {
            where.append(" and zeroEmploymentSince <= :to");
            params.put("to", sinceTo);
        }
        return Household.find(where.toString(), Sort.descending("registeredOn").and("id"), params);
    }

    /** Adds a member and decides again. */
    @Transactional
    public Member addMember(UUID householdId, NewMember request) {
        Household household = lockForWrite(householdId);
        LocalDate today = LocalDate.now(clock);
        HouseholdView before = view(household);
        NationalId id = validated(request, "", today);
        requireNotRegistered(id, "");
        Member member = newMember(household, request, id);
        household.members.add(member);
        member.persist();
        flushOrConflict("");
        transitions.memberChanged(household, member, "ADDED", Cause.REST, today);
        labourReports.applyPending(household, member);
        transitions.recompute(household, today, Cause.REST);
        audit.record("household", household.id, "ADD_MEMBER", before, view(household));
        return member;
    }

    /** Changes a member's facts as of {@code effectiveOn} (default today) and decides again. */
    @Transactional
    public Member changeMember(UUID householdId, UUID memberId, MemberChange change) {
        Household household = lockForWrite(householdId);
        Member member = memberOf(household, memberId);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = change.effectiveOn() == null ? today : change.effectiveOn();
        if (on.isAfter(today)) {
            throw ProblemException.invalid("effectiveOn", "not-in-future", "effectiveOn must not be in the future");
        }
        HouseholdView before = view(household);
        if (change.name() != null) {
            member.name = change.name().trim();
        }
        if (change.relation() != null) {
            member.relation = change.relation();
        }
        if (change.education() != null) {
            member.education = change.education();
        }
        if (change.skills() != null) {
            member.skills = String.join(",", change.skills());
        }
        if (change.labourCapacity() != null) {
            member.labourCapacity = change.labourCapacity();
        }
        if (change.willingToWork() != null) {
            member.willingToWork = change.willingToWork();
        }
        if (change.occupationCategory() != null) {
            member.occupationCategory = change.occupationCategory();
            member.refreshAgeDates();
        }
        if (change.businessIncome() != null) {
            member.businessIncome = change.businessIncome();
        }
        transitions.change(household, member, new SituationChange.Edited(change.status(), on));
        audit.record("household", household.id, "CHANGE_MEMBER", before, view(household));
        return member;
    }

    /** Removes a member (moved out, deceased) and decides again. */
    @Transactional
    public void removeMember(UUID householdId, UUID memberId) {
        Household household = lockForWrite(householdId);
        Member member = memberOf(household, memberId);
        LocalDate today = LocalDate.now(clock);
        HouseholdView before = view(household);
        transitions.memberChanged(household, member, "REMOVED", Cause.REST, today);
        household.members.remove(member);
        member.delete();
        transitions.recompute(household, today, Cause.REST);
        audit.record("household", household.id, "REMOVE_MEMBER", before, view(household));
    }

    /** Records an exit (退出) with its reason and actor. */
    @Transactional
    public Household exit(UUID householdId, Exit request) {
        Household household = lockForWrite(householdId);
        if (household.exited()) {
            throw ProblemException.conflict("status", "not-exited", "the household has already exited");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate on = request.on() == null ? today : request.on();
        if (on.isAfter(today)) {
            throw ProblemException.invalid("on", "not-in-future", "on must not be in the future");
        }
        if (request.reason() == ExitReason.UNREACHABLE) {
            Reachability.Finding finding = contacts.reachability(ContactAttempt.list("householdId", household.id));
            if (!finding.unreachable()) {
                throw ProblemException.conflict("reason", "unreachable-on-record", "the contact log does not show the household unreachable for "
                        + config.unreachableAfter() + ": " + finding.failedAttempts() + " failed attempt(s)"
                        + (finding.failingSince() == null ? "" : " since " + finding.failingSince())
                        + ", at least " + Reachability.MIN_ATTEMPTS + " over the whole period are needed");
            }
        }
        HouseholdView before = view(household);
        household.exitReason = request.reason();
        household.exitNote = request.note();
        household.exitedOn = on;
        household.exitedBy = scope.subject();
        transitions.exit(household, on);
        audit.record("household", household.id, "EXIT", before, view(household));
        return household;
    }

    /** The household as every response shows it. */
    public HouseholdView view(Household household) {
        return HouseholdView.of(household, divisions.name(household.districtCode), LocalDate.now(clock));
    }

    private Household lockForWrite(UUID id) {
        Household household = em.find(Household.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (household == null) {
            throw ProblemException.notFound("household", id);
        }
        scope.require(household.districtCode, "household", id);
        return household;
    }

    private static Member memberOf(Household household, UUID memberId) {
        return household.members.stream().filter(m -> m.id.equals(memberId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("member", memberId));
    }

    private void requireDistrict(String districtCode, String field) {
        if (!divisions.isKnown(districtCode)) {
            throw ProblemException.invalid(field, "gb-t-2260", field + " " + districtCode + " is not a known GB/T 2260 division code");
        }
        if (!scope.covers(districtCode)) {
            throw ProblemException.forbidden(field, "in-your-area", field + " " + districtCode + " is outside your area");
        }
    }

    /** The member's national ID once everything about the member is valid; 400 naming the field otherwise. */
    private static NationalId validated(NewMember in, String at, LocalDate today) {
        NationalId id;
        try {
            id = NationalId.parse(in.nationalId());
        } catch (NationalId.InvalidNationalIdException e) {
            throw ProblemException.invalid(at + "nationalId", e.rule(), "nationalId " + e.getMessage());
        }
        if (!id.birthDate().equals(in.birthDate())) {
            throw ProblemException.invalid(at + "birthDate", "matches-national-id", "birthDate does not agree with the national ID");
        }
        if (id.gender() != in.gender()) {
            throw ProblemException.invalid(at + "gender", "matches-national-id", "gender does not agree with the national ID");
        }
        if (in.birthDate().isAfter(today)) {
            throw ProblemException.invalid(at + "birthDate", "not-in-future", "birthDate must not be in the future");
        }
        if (in.statusSince() != null && in.statusSince().isAfter(today)) {
            throw ProblemException.invalid(at + "statusSince", "not-in-future", "statusSince must not be in the future");
        }
        return id;
    }

    /** 409 when the number is on the register already (counted as a lookup that hit: the answer tells as much). */
    private void requireNotRegistered(NationalId id, String at) {
        Member existing = Member.byNationalIdHashes(vault.hashes(id));
        if (existing != null) {
            identities.recordDuplicateFound();
            throw ProblemException.conflict(at + "nationalId", "unique", scope.covers(existing.household.districtCode)
                    ? "this national ID is already registered in household " + existing.household.id
                    : "this national ID is already registered in another household");
        }
    }

    private Member newMember(Household household, NewMember in, NationalId id) {
        String hash = vault.hash(id);
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.household = household;
        member.nationalIdCipher = vault.encrypt(id);
        member.nationalIdKey = vault.encryptionKeyId();
        member.nationalIdHash = hash;
        member.nationalIdHashKey = vault.hashKeyId();
        member.nationalIdMasked = id.masked();
        member.name = in.name().trim();
        member.relation = in.relation();
        member.birthDate = id.birthDate();
        member.gender = id.gender();
        member.education = in.education();
        member.skills = in.skills() == null ? "" : String.join(",", in.skills());
        member.labourCapacity = in.labourCapacity();
        member.willingToWork = in.willingToWork();
        member.occupationCategory = in.occupationCategory();
        member.status = in.status();
        member.statusSince = in.statusSince(); // null: began before registration, date unknown
        member.businessIncome = Boolean.TRUE.equals(in.businessIncome());
        member.refreshAgeDates();
        return member;
    }

    /** Flushes so a racing registration of the same national ID is a 409, not a failed commit. */
    private void flushOrConflict(String path) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (String.valueOf(e.getCause()).contains("national_id_hash")) {
                throw ProblemException.conflict(path.isEmpty() ? "nationalId" : path, "unique",
                        "this national ID was registered in another household meanwhile");
            }
            throw e;
        }
    }
}
