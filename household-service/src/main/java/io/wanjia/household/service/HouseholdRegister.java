package io.wanjia.household.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.StatelessSession;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.query.Where;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.household.HouseholdRegistered;
import io.wanjia.household.ContactAttempt;
import io.wanjia.household.Household;
import io.wanjia.household.HouseholdTransfer;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.contracts.Cohort;
import io.wanjia.household.domain.Cause;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.Reachability;
import io.wanjia.household.domain.SituationChange;

/**
 * The case workers' operations on the register, each one transaction: write, audit, decide, publish. It takes entities
 * and domain values and returns entities; {@code rest/HouseholdResource} maps requests and answers.
 */
@ApplicationScoped
public class HouseholdRegister {

    /**
     * A person to enrol: the national ID as typed, and an unsaved member holding the rest of what the case worker gave
     * (the birth date and gender to check against the ID, the situation, the other facts). The register checks the ID
     * and fills in the member's identity.
     */
    public record Enrolment(String nationalId, Member member) {
    }

    @Inject
    NationalIdVault vault;
    @Inject
    IdentityDesk identities;
    @Inject
    IdentityClaims claims;
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
    /** For writing a ledger batch's new rows (below). */
    @Inject
    StatelessSession rows;
    @Inject
    Clock clock;
    @Inject
    ContactLog contacts;
    @Inject
    HouseholdConfig config;
    @Inject
    DataSource dataSource;

    /**
     * Registers {@code household} (unsaved: district, address, cohort) with {@code members}, applies reports that
     * waited for them, and decides. A refusal names the member by position, e.g. {@code members[1].nationalId}.
     */
    @Transactional
    public Household register(Household household, List<Enrolment> members) {
        requireDistrict(household.districtCode, "districtCode");
        LocalDate today = LocalDate.now(clock);
        requireMoveBackFits(household.cohort, household.movedBackOn, today);
        household.id = UUID.randomUUID();
        household.registeredOn = today;
        household.status = HouseholdStatus.NOT_ZERO_EMPLOYMENT;
        // Every member is checked before any is looked up on the register: a request refused for another member's
        // input must not first have told the caller which of its numbers are registered (and cost nothing).
        List<NationalId> ids = new ArrayList<>();
        Set<NationalId> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            NationalId id = validated(members.get(i), "members[" + i + "].", today);
            if (!seen.add(id)) {
                throw ProblemException.invalid("members[" + i + "].nationalId", "unique", "the same national ID appears twice in this household");
            }
            ids.add(id);
        }
        for (int i = 0; i < ids.size(); i++) {
            requireNotRegistered(ids.get(i), "members[" + i + "].");
        }
        for (int i = 0; i < ids.size(); i++) {
            household.members.add(enrolled(household, members.get(i).member(), ids.get(i)));
        }
        household.persist();
        flushOrConflict("members");
        outbox.publish(household.id, new HouseholdRegistered(household.id, household.districtCode, household.cohort.name(),
                today, household.members.stream().map(m -> ZeroEmploymentTransitions.summary(m, today)).toList()));
        household.members.forEach(m -> labourReports.applyPending(household, m));
        transitions.recompute(household, today, Cause.REGISTRATION);
        audit.record("household", household.id, "REGISTER", null, AuditedHousehold.of(household, today));
        return household;
    }

    /** A household to register (unsaved: district, address, cohort) with its members, as {@link #register} takes them. */
    public record Registration(Household household, List<Enrolment> members) {
    }

    /**
     * Registers households a ledger import has checked, in the caller's transaction, with what {@link #register} does for
     * each — the same checks, events, claims, audit entry and decision — but set-based: the register is asked once for the
     * whole batch (which of its people another district holds, which have reports waiting; one registered here already is
     * refused by the member table's unique hash as the rows are written), the new
     * rows are written in JDBC batches without the persistence context, and only the households the decision would change
     * ({@link ZeroEmploymentTransitions#wouldChange}) or with reports waiting are loaded as entities and decided; the others
     * stand as the ledger gave them, which is what deciding them would leave. Any refusal fails the batch (the import then
     * registers its households one by one through {@link #register}, whose answer names the household and member at fault
     * and counts the lookup); nothing here says which person it was. Returns the households as written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Household> registerAll(List<Registration> registrations) {
        LocalDate today = LocalDate.now(clock);
        Map<String, NationalId> byHash = new HashMap<>();
        List<List<NationalId>> ids = new ArrayList<>();
        for (Registration registration : registrations) {
            Household household = registration.household();
            requireDistrict(household.districtCode, "districtCode");
            requireMoveBackFits(household.cohort, household.movedBackOn, today);
            List<NationalId> mine = new ArrayList<>();
            for (int i = 0; i < registration.members().size(); i++) {
                NationalId id = validated(registration.members().get(i), "members[" + i + "].", today);
                for (String hash : vault.hashes(id)) {
                    if (byHash.put(hash, id) != null) {
                        throw ProblemException.invalid("members[" + i + "].nationalId", "unique", "the same national ID appears twice");
                    }
                }
                mine.add(id);
            }
            ids.add(mine);
        }
        // Registered here already: the member table's unique hash refuses it as the rows are written (insertOrConflict), which
        // the import has asked about just before (alreadyRegistered); another district's claim has no constraint to do so.
        if (!claims.heldElsewhereAmong(byHash.keySet()).isEmpty()) {
            throw ProblemException.conflict("members", "unique", "a national ID of this batch is registered already");
        }
        Set<NationalId> waiting = new HashSet<>();
        labourReports.waitingFor(byHash.keySet()).forEach(hash -> waiting.add(byHash.get(hash)));
        List<Household> households = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (int h = 0; h < registrations.size(); h++) {
            Household household = registrations.get(h).household();
            household.id = UUID.randomUUID();
            household.registeredOn = today;
            household.status = HouseholdStatus.NOT_ZERO_EMPLOYMENT;
            List<Enrolment> enrolments = registrations.get(h).members();
            for (int i = 0; i < enrolments.size(); i++) {
                household.members.add(enrolled(household, enrolments.get(i).member(), ids.get(h).get(i)));
            }
            households.add(household);
            members.addAll(household.members);
        }
        insertOrConflict(households, members);
        List<UUID> toDecide = new ArrayList<>();
        for (int h = 0; h < households.size(); h++) {
            Household household = households.get(h);
            outbox.publish(household.id, new HouseholdRegistered(household.id, household.districtCode, household.cohort.name(),
                    today, household.members.stream().map(m -> ZeroEmploymentTransitions.summary(m, today)).toList()));
            if (ids.get(h).stream().anyMatch(waiting::contains) || transitions.wouldChange(household, today)) {
                toDecide.add(household.id);
            } else {
                audit.recordAtCommit(scope.subject(), "household", household.id, "REGISTER", null, AuditedHousehold.of(household, today));
            }
        }
        // Reports that waited, and a decision that changes something, go through the register's entities as anywhere else.
        List<Household> decided = toDecide.isEmpty() ? List.of() : em.createQuery(
                "select distinct h from Household h left join fetch h.members where h.id in :ids", Household.class)
                .setParameter("ids", toDecide).getResultList();
        for (Household household : decided) {
            for (Member member : household.members) {
                if (waiting.contains(byHash.get(member.nationalIdHash))) {
                    labourReports.applyPending(household, member);
                }
            }
            transitions.recompute(household, today, Cause.REGISTRATION);
            audit.recordAtCommit(scope.subject(), "household", household.id, "REGISTER", null, AuditedHousehold.of(household, today));
        }
        return households;
    }

    /**
     * Writes new households and their members as they are, without the persistence context (a ledger batch is
     * written once and most of it never read again here): JDBC batches, households first. A national ID registered
     * meanwhile is a 409, as {@link #flushOrConflict} makes it.
     */
    private void insertOrConflict(List<Household> households, List<Member> members) {
        try {
            rows.insertMultiple(households);
            rows.insertMultiple(members);
        } catch (PersistenceException e) {
            if (nationalIdTaken(e)) {
                throw ProblemException.conflict("members", "unique", "a national ID of this batch was registered meanwhile");
            }
            throw e;
        }
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
    public List<Household> list(Filter filter, int page, int size) {
        return query(filter).page(Page.of(page, size)).list();
    }

    /** How many households {@link #list} would page through. */
    public long count(Filter filter) {
        return query(filter).count();
    }

    /**
     * Which households a list shows, inside the caller's area: a district prefix, a status, a range of zero-employment
     * dates, and the start of a member's name (people are found by name as staff know them; by national ID only typed in
     * full, through the lookup). Every part may be null.
     */
    public record Filter(String districtPrefix, HouseholdStatus status, LocalDate sinceFrom, LocalDate sinceTo, String name) {
    }

    private io.quarkus.hibernate.orm.panache.PanacheQuery<Household> query(Filter filter) {
        String area = scope.area();
        String districtPrefix = filter.districtPrefix();
        String prefix = districtPrefix == null || districtPrefix.isBlank() || area.startsWith(districtPrefix) ? area : districtPrefix;
        if (!prefix.startsWith(area)) {
            prefix = "-"; // disjoint from the caller's area: nothing matches
        }
        String name = filter.name() == null || filter.name().isBlank() ? null
                : filter.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Where where = Where.of("districtCode like :prefix", "prefix", prefix + "%")
                .and("status = :status", "status", filter.status())
                .and("zeroEmploymentSince >= :from", "from", filter.sinceFrom())
                .and("zeroEmploymentSince <= :to", "to", filter.sinceTo())
                .and("id in (select m.household.id from Member m where m.name like :name escape '\\')", "name", name);
        return Household.find(where.toString(), Sort.descending("registeredOn").and("id"), where.params());
    }

    /** Adds a member and decides again. */
    @Transactional
    public Member addMember(UUID householdId, Enrolment enrolment) {
        Household household = lockForWrite(householdId);
        LocalDate today = LocalDate.now(clock);
        AuditedHousehold before = AuditedHousehold.of(household, today);
        NationalId id = validated(enrolment, "", today);
        requireNotRegistered(id, "");
        Member member = enrolled(household, enrolment.member(), id);
        household.members.add(member);
        member.persist();
        flushOrConflict("");
        transitions.memberChanged(household, member, "ADDED", Cause.REST, today);
        labourReports.applyPending(household, member);
        transitions.recompute(household, today, Cause.REST);
        audit.record("household", household.id, "ADD_MEMBER", before, AuditedHousehold.of(household, today));
        return member;
    }

    /**
     * Changes a member as of {@code effectiveOn} (default today) and decides again: {@code edits} sets the descriptive
     * facts (never the status, which moves only through the transitions), {@code status} is the new one or null.
     * Nothing is edited before the date is checked.
     */
    @Transactional
    public Member changeMember(UUID householdId, UUID memberId, Consumer<Member> edits, EmploymentStatus status,
            LocalDate effectiveOn) {
        Household household = lockForWrite(householdId);
        Member member = memberOf(household, memberId);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = effectiveOn == null ? today : effectiveOn;
        if (on.isAfter(today)) {
            throw ProblemException.invalid("effectiveOn", "not-in-future", "effectiveOn must not be in the future");
        }
        AuditedHousehold before = AuditedHousehold.of(household, today);
        edits.accept(member);
        requireGraduationFits(member, today, "");
        member.refreshAgeDates(); // the occupation category may have moved the retirement day
        transitions.change(household, member, new SituationChange.Edited(status, on));
        audit.record("household", household.id, "CHANGE_MEMBER", before, AuditedHousehold.of(household, today));
        return member;
    }

    /** Removes a member (moved out, deceased) and decides again. */
    @Transactional
    public void removeMember(UUID householdId, UUID memberId) {
        Household household = lockForWrite(householdId);
        Member member = memberOf(household, memberId);
        LocalDate today = LocalDate.now(clock);
        AuditedHousehold before = AuditedHousehold.of(household, today);
        transitions.memberChanged(household, member, "REMOVED", Cause.REST, today);
        claims.release(member, "MEMBER_REMOVED", scope.subject());
        household.members.remove(member);
        member.delete();
        transitions.recompute(household, today, Cause.REST);
        audit.record("household", household.id, "REMOVE_MEMBER", before, AuditedHousehold.of(household, today));
    }

    /**
     * Sets the household's cohort and, for SHANTYTOWN_RELOCATION, its move-back date (another cohort has none). An
     * episode's case keeps the policy it opened with: the change applies from the household's next episode.
     */
    @Transactional
    public Household changeCohort(UUID householdId, Cohort cohort, LocalDate movedBackOn) {
        Household household = lockForWrite(householdId);
        LocalDate today = LocalDate.now(clock);
        requireMoveBackFits(cohort, movedBackOn, today);
        AuditedHousehold before = AuditedHousehold.of(household, today);
        household.cohort = cohort;
        household.movedBackOn = movedBackOn;
        audit.record("household", household.id, "CHANGE_COHORT", before, AuditedHousehold.of(household, today));
        return household;
    }

    /**
     * Sets whether the household receives the minimum living allowance (低保) as of {@code effectiveOn} (default today) and
     * decides again: a recent graduate among its members may become a graduate in need (issue #17).
     */
    @Transactional
    public Household changeMinimumLivingAllowance(UUID householdId, boolean granted, LocalDate effectiveOn) {
        Household household = lockForWrite(householdId);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = effectiveOn == null ? today : effectiveOn;
        if (on.isAfter(today)) {
            throw ProblemException.invalid("effectiveOn", "not-in-future", "effectiveOn must not be in the future");
        }
        AuditedHousehold before = AuditedHousehold.of(household, today);
        household.minimumLivingAllowance = granted;
        transitions.recompute(household, on, Cause.REST);
        audit.record("household", household.id, "CHANGE_MINIMUM_LIVING_ALLOWANCE", before, AuditedHousehold.of(household, today));
        return household;
    }

    /** A graduation date (大中专) lies after the birth date and not in the future. */
    private static void requireGraduationFits(Member member, LocalDate today, String at) {
        if (member.graduatedOn == null) {
            return;
        }
        if (member.graduatedOn.isAfter(today)) {
            throw ProblemException.invalid(at + "graduatedOn", "not-in-future", "graduatedOn must not be in the future");
        }
        if (!member.graduatedOn.isAfter(member.birthDate)) {
            throw ProblemException.invalid(at + "graduatedOn", "after-birth", "graduatedOn must be after the birth date");
        }
    }

    /** A move-back date belongs to a shantytown-relocation household only, and lies in the past. */
    private static void requireMoveBackFits(Cohort cohort, LocalDate movedBackOn, LocalDate today) {
        if (movedBackOn == null) {
            return;
        }
        if (cohort != Cohort.SHANTYTOWN_RELOCATION) {
            throw ProblemException.invalid("movedBackOn", "relocation-only", "movedBackOn is given only for a SHANTYTOWN_RELOCATION household");
        }
        if (movedBackOn.isAfter(today)) {
            throw ProblemException.invalid("movedBackOn", "not-in-future", "movedBackOn must not be in the future");
        }
    }

    /** Records an exit (退出) on {@code on} (default today) with its reason, note and actor. */
    @Transactional
    public Household exit(UUID householdId, ExitReason reason, String note, LocalDate on) {
        if (reason == ExitReason.TRANSFERRED) {
            throw ProblemException.invalid("reason", "transfer-only", "a household moves to another district by a transfer"
                    + " (/api/v1/transfers), which the district it moves to requests");
        }
        Household household = lockForWrite(householdId);
        if (household.exited()) {
            throw ProblemException.conflict("status", "not-exited", "the household has already exited");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate exitedOn = on == null ? today : on;
        if (exitedOn.isAfter(today)) {
            throw ProblemException.invalid("on", "not-in-future", "on must not be in the future");
        }
        if (reason == ExitReason.UNREACHABLE) {
            Reachability.Finding finding = contacts.reachability(ContactAttempt.list("householdId", household.id));
            if (!finding.unreachable()) {
                throw ProblemException.conflict("reason", "unreachable-on-record", "the contact log does not show the household unreachable for "
                        + config.unreachableAfter() + ": " + finding.failedAttempts() + " failed attempt(s)"
                        + (finding.failingSince() == null ? "" : " since " + finding.failingSince())
                        + ", at least " + Reachability.MIN_ATTEMPTS + " over the whole period are needed");
            }
        }
        AuditedHousehold before = AuditedHousehold.of(household, today);
        household.exitReason = reason;
        household.exitNote = note;
        household.exitedOn = exitedOn;
        household.exitedBy = scope.subject();
        transitions.exit(household, exitedOn);
        audit.record("household", household.id, "EXIT", before, AuditedHousehold.of(household, today));
        return household;
    }

    private Household lockForWrite(UUID id) {
        Household household = em.find(Household.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (household == null) {
            throw ProblemException.notFound("household", id);
        }
        scope.require(household.districtCode, "household", id);
        // Released to another district, it is registered there from the facts it had: nothing changes it here meanwhile.
        if (HouseholdTransfer.count("householdId = ?1 and direction = ?2 and status = ?3", id, HouseholdTransfer.Direction.OUT,
                HouseholdTransfer.Status.RELEASED) > 0) {
            throw ProblemException.conflict("status", "transfer-pending", "the household was released to another district and is"
                    + " being registered there: it changes there once it has arrived");
        }
        return household;
    }

    private static Member memberOf(Household household, UUID memberId) {
        return household.members.stream().filter(m -> m.id.equals(memberId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("member", memberId));
    }

    void requireDistrict(String districtCode, String field) {
        if (!divisions.isKnown(districtCode)) {
            throw ProblemException.invalid(field, "gb-t-2260", field + " " + districtCode + " is not a known GB/T 2260 division code");
        }
        if (!scope.covers(districtCode)) {
            throw ProblemException.forbidden(field, "in-your-area", field + " " + districtCode + " is outside your area");
        }
    }

    /** The member's national ID once everything about the member is valid; 400 naming the field otherwise. */
    private static NationalId validated(Enrolment enrolment, String at, LocalDate today) {
        NationalId id;
        try {
            id = NationalId.parse(enrolment.nationalId());
        } catch (NationalId.InvalidNationalIdException e) {
            throw ProblemException.invalid(at + "nationalId", e.rule(), "nationalId " + e.getMessage());
        }
        Member in = enrolment.member();
        if (!id.birthDate().equals(in.birthDate)) {
            throw ProblemException.invalid(at + "birthDate", "matches-national-id", "birthDate does not agree with the national ID");
        }
        if (id.gender() != in.gender) {
            throw ProblemException.invalid(at + "gender", "matches-national-id", "gender does not agree with the national ID");
        }
        if (in.birthDate.isAfter(today)) {
            throw ProblemException.invalid(at + "birthDate", "not-in-future", "birthDate must not be in the future");
        }
        if (in.statusSince != null && in.statusSince.isAfter(today)) {
            throw ProblemException.invalid(at + "statusSince", "not-in-future", "statusSince must not be in the future");
        }
        requireGraduationFits(in, today, at);
        return id;
    }

    /**
     * Which of {@code ids} are on the register already (under any hash key of the ring), here or in another district of
     * the city: how the ledger import tells a person already registered from a new one before registering, as
     * {@link #register} would refuse them.
     */
    public Set<NationalId> alreadyRegistered(Collection<NationalId> ids) {
        Map<String, NationalId> byHash = new HashMap<>();
        ids.forEach(id -> vault.hashes(id).forEach(hash -> byHash.put(hash, id)));
        if (byHash.isEmpty()) {
            return Set.of();
        }
        Set<NationalId> registered = new HashSet<>();
        // One array parameter: a ledger batch's few hundred hashes as as many parameters were a statement to plan each time.
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT national_id_hash FROM member WHERE national_id_hash = ANY(?::text[])")) {
            query.setArray(1, connection.createArrayOf("text", byHash.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    registered.add(byHash.get(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look the batch's people up", e);
        }
        claims.heldElsewhereAmong(byHash.keySet()).forEach(hash -> registered.add(byHash.get(hash)));
        return registered;
    }

    /**
     * 409 when the number is on the register already, here or in another district of the city, which the answer names
     * and nothing more (counted as a lookup that hit: the answer tells as much).
     */
    private void requireNotRegistered(NationalId id, String at) {
        List<String> hashes = vault.hashes(id);
        Member existing = Member.byNationalIdHashes(hashes);
        if (existing != null) {
            identities.recordDuplicateFound();
            throw ProblemException.conflict(at + "nationalId", "unique", scope.covers(existing.household.districtCode)
                    ? "this national ID is already registered in household " + existing.household.id
                    : "this national ID is already registered in another household");
        }
        IdentityClaims.Claim elsewhere = claims.heldElsewhere(hashes).orElse(null);
        if (elsewhere != null) {
            identities.recordDuplicateFound();
            throw ProblemException.conflict(at + "nationalId", "unique", "this national ID is already registered in another district: "
                    + divisions.labelled(elsewhere.districtCode()));
        }
    }

    /** {@code member}, validated against {@code id}, made a member of {@code household} with its ID sealed, hashed and masked. */
    private Member enrolled(Household household, Member member, NationalId id) {
        member.id = UUID.randomUUID();
        member.household = household;
        member.nationalIdCipher = vault.encrypt(id);
        member.nationalIdKey = vault.encryptionKeyId();
        member.nationalIdHash = vault.hash(id);
        member.nationalIdHashKey = vault.hashKeyId();
        member.nationalIdMasked = id.masked();
        member.refreshAgeDates();
        claims.claim(member, scope.subject());
        return member;
    }

    /** Flushes so a racing registration of the same national ID is a 409, not a failed commit. */
    private void flushOrConflict(String path) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (nationalIdTaken(e)) {
                throw ProblemException.conflict(path.isEmpty() ? "nationalId" : path, "unique",
                        "this national ID was registered in another household meanwhile");
            }
            throw e;
        }
    }

    /** Whether a write failed on the national-ID hash's unique constraint (someone registered the person meanwhile). */
    private static boolean nationalIdTaken(PersistenceException e) {
        return String.valueOf(e.getCause()).contains("national_id_hash") || String.valueOf(e.getMessage()).contains("national_id_hash");
    }
}
