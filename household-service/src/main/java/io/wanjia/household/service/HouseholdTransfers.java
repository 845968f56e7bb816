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
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.contracts.Cohort;
import io.wanjia.contracts.Education;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.household.HouseholdRegistered;
import io.wanjia.contracts.transfer.TransferCompleted;
import io.wanjia.contracts.transfer.TransferFailed;
import io.wanjia.contracts.transfer.TransferRefused;
import io.wanjia.contracts.transfer.TransferReleased;
import io.wanjia.contracts.transfer.TransferRequested;
import io.wanjia.household.Household;
import io.wanjia.household.HouseholdTransfer;
import io.wanjia.household.HouseholdTransfer.Direction;
import io.wanjia.household.HouseholdTransfer.Status;
import io.wanjia.household.Identification;
import io.wanjia.household.Member;
import io.wanjia.household.TransferPerson;
import io.wanjia.household.domain.Cause;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.ExitReason;
import io.wanjia.household.domain.HouseholdStatus;
import io.wanjia.household.domain.IdentificationProcedure;
import io.wanjia.household.domain.LabourCapacity;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.OccupationCategory;
import io.wanjia.household.domain.Relation;

/**
 * Households moving between the districts of a city (README, "Transfers between districts"). The district the family
 * moved to asks, its caseworker typing the members' national IDs again (an ID never travels, and each district seals
 * with a key of its own); the city's identity claims name the district that holds them. That district's caseworker
 * releases the household: its facts, cohort and open episode travel on the city's transfers topic; the district that
 * asked registers it from them with the IDs it typed, its promise keeping the day count it had, and says so; only then
 * does the sending district close its record, pointing to the new district, and forget the people — a release that
 * cannot be taken leaves the household where it was. Every step goes through the outbox and the inbox and checks the
 * transfer's status under a lock, so each happens once, whatever is read twice or restarted.
 */
@ApplicationScoped
public class HouseholdTransfers {

    /** The inbox consumer name for the city's transfers topic. */
    public static final String CONSUMER = "household-transfers";
    private static final Logger LOG = Logger.getLogger(HouseholdTransfers.class);

    /** A person the receiving caseworker names: the national ID as typed, and the name. */
    public record Person(String nationalId, String name) {
    }

    /** Where the household lives now, in the district that asks. */
    public record NewHome(String districtCode, String street, String community, String address) {
    }

    @Inject
    HouseholdRegister register;
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
    @Inject
    Clock clock;
    @Inject
    ObjectMapper json;

    /**
     * Asks the district that holds {@code people} to release their household, which now lives at {@code home}. Every ID
     * typed costs a lookup of the caller's allowance (the answer says where the person is registered). 400 for an ID that
     * is not one, 409 for a person registered here, one no other district holds, people held by different districts, or
     * a person already in an open request here.
     */
    @Transactional
    public HouseholdTransfer request(NewHome home, List<Person> people, String note) {
        register.requireDistrict(home.districtCode(), "districtCode");
        List<NationalId> ids = new ArrayList<>();
        Set<NationalId> seen = new HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            NationalId id = parse(people.get(i).nationalId(), "members[" + i + "].nationalId");
            if (!seen.add(id)) {
                throw ProblemException.invalid("members[" + i + "].nationalId", "unique", "the same national ID appears twice in this request");
            }
            ids.add(id);
        }
        identities.recordLookups(ids.size(), "transfer request");
        List<IdentityClaims.Claim> held = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String at = "members[" + i + "].nationalId";
            List<String> hashes = vault.hashes(ids.get(i));
            Member here = Member.byNationalIdHashes(hashes);
            if (here != null) {
                throw ProblemException.conflict(at, "unique", scope.covers(here.household.districtCode)
                        ? "this national ID is already registered here, in household " + here.household.id
                        : "this national ID is already registered here, in another household");
            }
            IdentityClaims.Claim claim = claims.heldElsewhere(hashes).orElseThrow(() -> ProblemException.conflict(at,
                    "registered-elsewhere", "no other district of the city holds this national ID: register the household instead"));
            if (!held.isEmpty() && !held.get(0).deployment().equals(claim.deployment())) {
                throw ProblemException.conflict(at, "one-district", "this person is registered in "
                        + divisions.labelled(claim.districtCode()) + ", the first in " + divisions.labelled(held.get(0).districtCode())
                        + ": a transfer moves one household from one district");
            }
            if (!TransferPerson.find("hash = ?1 and transferId in (select t.id from HouseholdTransfer t where t.direction = ?2"
                    + " and t.status = ?3)", claim.hash(), Direction.IN, Status.REQUESTED).list().isEmpty()) {
                throw ProblemException.conflict(at, "transfer-open", "this person is in a transfer this district asked for already");
            }
            held.add(claim);
        }
        HouseholdTransfer transfer = new HouseholdTransfer();
        transfer.id = UUID.randomUUID();
        transfer.direction = Direction.IN;
        transfer.status = Status.REQUESTED;
        transfer.districtCode = home.districtCode();
        transfer.fromDeployment = held.get(0).deployment();
        transfer.fromDistrictCode = held.get(0).districtCode();
        transfer.toDeployment = claims.deployment();
        transfer.toDistrictCode = home.districtCode();
        transfer.street = home.street();
        transfer.community = home.community();
        transfer.address = home.address();
        transfer.requestedOn = LocalDate.now(clock);
        transfer.requestedAt = clock.instant();
        transfer.requestedBy = scope.subject();
        transfer.note = note;
        transfer.memberCount = ids.size();
        transfer.persist();
        List<TransferRequested.Person> named = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            NationalId id = ids.get(i);
            IdentityClaims.Claim claim = held.get(i);
            TransferPerson person = person(transfer, i, claim.memberId(), claim.hashKeyId(), claim.hash());
            person.nationalIdCipher = vault.encrypt(id);
            person.nationalIdKey = vault.encryptionKeyId();
            person.nationalIdMasked = id.masked();
            person.name = people.get(i).name().trim();
            person.birthDate = id.birthDate();
            person.gender = id.gender();
            person.persist();
            named.add(new TransferRequested.Person(claim.memberId(), claim.hashKeyId(), claim.hash()));
        }
        outbox.publish(transfer.id.toString(), new TransferRequested(transfer.id, transfer.fromDeployment, transfer.fromDistrictCode,
                transfer.toDeployment, transfer.toDistrictCode, named, transfer.requestedOn));
        audit.record("transfer", transfer.id, "REQUEST_TRANSFER", null, Map.of("fromDistrictCode", transfer.fromDistrictCode,
                "toDistrictCode", transfer.toDistrictCode, "members", ids.size()));
        return transfer;
    }

    /**
     * Releases a household another district asked for: its members' facts, cohort and open episode go to that district.
     * The household stays here as it is — its members, their claims, its case — until that district says it registered
     * it ({@link #completed}); a caseworker's change to it waits till then (409 {@code transfer-pending}). 409 when the
     * household's members are no longer those the request named (refuse it; the other district asks again), or it was
     * decided already.
     */
    @Transactional
    public HouseholdTransfer release(UUID id, String note) {
        HouseholdTransfer transfer = lockedOut(id);
        Household household = em.find(Household.class, transfer.householdId, LockModeType.PESSIMISTIC_WRITE);
        LocalDate today = LocalDate.now(clock);
        if (household == null || household.exited()) {
            throw ProblemException.conflict("status", "not-exited", "the household has left the programme: refuse the transfer");
        }
        Map<UUID, String> named = TransferPerson.<TransferPerson>list("transferId", transfer.id).stream()
                .collect(Collectors.toMap(p -> p.fromMemberId, p -> p.hash.trim()));
        Map<UUID, String> members = household.members.stream().collect(Collectors.toMap(m -> m.id, m -> m.nationalIdHash));
        if (!named.equals(members)) {
            throw ProblemException.conflict("members", "members-changed", "the household's members changed since the request"
                    + " (it names " + named.size() + ", the household has " + members.size() + "): refuse it, and "
                    + divisions.labelled(transfer.toDistrictCode) + " asks again");
        }
        outbox.publish(transfer.id.toString(), new TransferReleased(transfer.id, transfer.fromDeployment, transfer.fromDistrictCode,
                transfer.toDeployment, transfer.toDistrictCode, household.id, today, household.cohort.name(), household.movedBackOn,
                household.minimumLivingAllowance, household.zeroEmploymentSince, confirmedOn(household),
                household.members.stream().map(HouseholdTransfers::released).toList()));
        decided(transfer, Status.RELEASED, scope.subject(), note);
        audit.record("transfer", transfer.id, "RELEASE_TRANSFER", Map.of("status", Status.REQUESTED), Map.of("status", transfer.status));
        return transfer;
    }

    /** Declines a transfer another district asked for; the note stays here, the other district learns the reason only. */
    @Transactional
    public HouseholdTransfer refuse(UUID id, String note) {
        HouseholdTransfer transfer = lockedOut(id);
        refuse(transfer, TransferRefused.Reason.DECLINED, note, scope.subject());
        audit.record("transfer", transfer.id, "REFUSE_TRANSFER", Map.of("status", Status.REQUESTED), Map.of("status", transfer.status,
                "note", note));
        return transfer;
    }

    /** Transfers in the caller's area, either way (all when null), in one status (all when null), newest first. */
    public List<HouseholdTransfer> list(Direction direction, Status status, int page, int size) {
        return query(direction, status).page(Page.of(page, size)).list();
    }

    /** How many transfers {@link #list} pages through. */
    public long count(Direction direction, Status status) {
        return query(direction, status).count();
    }

    private PanacheQuery<HouseholdTransfer> query(Direction direction, Status status) {
        Map<String, Object> params = new HashMap<>();
        params.put("area", scope.likePattern());
        StringBuilder where = new StringBuilder("districtCode like :area");
        if (direction != null) {
            where.append(" and direction = :direction");
            params.put("direction", direction);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        return HouseholdTransfer.find(where.toString(), Sort.descending("requestedAt").and("id"), params);
    }

    /** One transfer of the caller's area, or 404. */
    public HouseholdTransfer get(UUID id) {
        HouseholdTransfer transfer = HouseholdTransfer.findById(id);
        if (transfer == null) {
            throw ProblemException.notFound("transfer", id);
        }
        scope.require(transfer.districtCode, "transfer", id);
        return transfer;
    }

    /** Applies one record of the city's transfers topic addressed to this deployment, in the inbox's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) throws Exception {
        String actor = AuditTrail.actorOf(event);
        switch (EventType.ofType(event.type()).orElseThrow()) { // the inbox checked it against the contract
            case TRANSFER_REQUESTED -> {
                TransferRequested requested = json.treeToValue(event.data(), TransferRequested.class);
                requireKey(event, requested.transferId());
                if (requested.fromDeployment().equals(claims.deployment())) {
                    requested(requested, actor);
                }
            }
            case TRANSFER_RELEASED -> {
                TransferReleased released = json.treeToValue(event.data(), TransferReleased.class);
                requireKey(event, released.transferId());
                if (released.toDeployment().equals(claims.deployment())) {
                    arrived(released, actor);
                }
            }
            case TRANSFER_REFUSED -> {
                TransferRefused refused = json.treeToValue(event.data(), TransferRefused.class);
                requireKey(event, refused.transferId());
                if (refused.toDeployment().equals(claims.deployment())) {
                    refused(refused, actor);
                }
            }
            case TRANSFER_COMPLETED -> {
                TransferCompleted completed = json.treeToValue(event.data(), TransferCompleted.class);
                requireKey(event, completed.transferId());
                if (completed.fromDeployment().equals(claims.deployment())) {
                    completed(completed, actor);
                }
            }
            case TRANSFER_FAILED -> {
                TransferFailed failed = json.treeToValue(event.data(), TransferFailed.class);
                requireKey(event, failed.transferId());
                if (failed.fromDeployment().equals(claims.deployment())) {
                    failed(failed, actor);
                }
            }
            default -> {
            }
        }
    }

    /** A transfer's records are keyed by its id: all of one transfer stay in order on one partition. */
    private static void requireKey(CloudEvent event, UUID transferId) {
        if (!transferId.toString().equals(event.key())) {
            throw new RejectedEventException("key", "key must be the transferId of the data");
        }
    }

    /**
     * Another district asks for a household here: kept for a caseworker to release or refuse, unless it cannot be
     * released as asked — a person it names is not held here (NOT_HELD), they are not exactly one household's members
     * (MEMBERS_DIFFER), the household left the programme (HOUSEHOLD_EXITED) or is in another open transfer
     * (ALREADY_REQUESTED) — which is refused at once. Read again, it changes nothing.
     */
    private void requested(TransferRequested requested, String actor) {
        if (HouseholdTransfer.findById(requested.transferId()) != null) {
            return;
        }
        List<Member> members = requested.members().isEmpty() ? List.of()
                : em.createQuery("select m from Member m join fetch m.household where m.id in :ids", Member.class)
                        .setParameter("ids", requested.members().stream().map(TransferRequested.Person::memberId).toList()).getResultList();
        Map<UUID, Member> byId = members.stream().collect(Collectors.toMap(m -> m.id, m -> m));
        boolean held = requested.members().stream().allMatch(p -> byId.containsKey(p.memberId())
                && p.hash().equals(byId.get(p.memberId()).nationalIdHash));
        Set<Household> households = members.stream().map(m -> m.household).collect(Collectors.toSet());
        Household household = households.size() == 1 ? households.iterator().next() : null;
        TransferRefused.Reason refusal = !held ? TransferRefused.Reason.NOT_HELD
                : household == null || household.members.size() != requested.members().size() ? TransferRefused.Reason.MEMBERS_DIFFER
                : household.exited() ? TransferRefused.Reason.HOUSEHOLD_EXITED
                : HouseholdTransfer.count("householdId = ?1 and direction = ?2 and status = ?3", household.id, Direction.OUT,
                        Status.REQUESTED) > 0 ? TransferRefused.Reason.ALREADY_REQUESTED : null;
        HouseholdTransfer transfer = new HouseholdTransfer();
        transfer.id = requested.transferId();
        transfer.direction = Direction.OUT;
        transfer.status = Status.REQUESTED;
        transfer.districtCode = household != null ? household.districtCode : requested.fromDistrictCode();
        transfer.fromDeployment = requested.fromDeployment();
        transfer.fromDistrictCode = requested.fromDistrictCode();
        transfer.toDeployment = requested.toDeployment();
        transfer.toDistrictCode = requested.toDistrictCode();
        transfer.householdId = refusal == null ? household.id : null;
        transfer.requestedOn = requested.requestedOn();
        transfer.requestedAt = clock.instant();
        transfer.requestedBy = actor;
        transfer.memberCount = requested.members().size();
        transfer.persist();
        for (int i = 0; i < requested.members().size(); i++) {
            TransferRequested.Person p = requested.members().get(i);
            person(transfer, i, p.memberId(), p.hashKeyId(), p.hash()).persist();
        }
        if (refusal != null) {
            refuse(transfer, refusal, null, actor);
            LOG.infof("transfer %s from %s refused at once: %s", transfer.id, transfer.toDistrictCode, refusal);
        }
        audit.recordAtCommit(actor, "transfer", transfer.id, "TRANSFER_REQUESTED", null, Map.of("status", transfer.status,
                "toDistrictCode", transfer.toDistrictCode, "members", transfer.memberCount));
    }

    /**
     * The household this deployment asked for was released: registered here from its facts and the IDs typed here, with
     * the episode it had (its promise keeps its day count), the reports that waited for its people applied, and their
     * claims published from here; {@code transfer.completed} tells the sending district to close its record. A release
     * this deployment did not ask for (no open request of that id from that district), whose members are not the people
     * asked for, or one of whom was registered here meanwhile, is answered {@code transfer.failed}: the sending district
     * keeps the household. Read again after it completed, it changes nothing.
     */
    private void arrived(TransferReleased released, String actor) {
        HouseholdTransfer transfer = em.find(HouseholdTransfer.class, released.transferId(), LockModeType.PESSIMISTIC_WRITE);
        if (transfer != null && transfer.direction == Direction.IN && transfer.status == Status.COMPLETED) {
            return;
        }
        if (transfer == null || transfer.direction != Direction.IN || transfer.status != Status.REQUESTED
                || !transfer.fromDeployment.equals(released.fromDeployment())) {
            outbox.publish(released.transferId().toString(), new TransferFailed(released.transferId(), released.fromDeployment(),
                    released.fromDistrictCode(), released.toDeployment(), released.toDistrictCode(), TransferFailed.Reason.NOT_REQUESTED,
                    LocalDate.now(clock)));
            LOG.warnf("a release of transfer %s from %s that was not asked for here: answered NOT_REQUESTED", released.transferId(),
                    released.fromDeployment());
            return;
        }
        List<TransferPerson> people = TransferPerson.list("transferId", transfer.id);
        Map<String, TransferPerson> byHash = people.stream().collect(Collectors.toMap(p -> p.hash.trim(), p -> p));
        if (released.members().size() != byHash.size()
                || !released.members().stream().map(TransferReleased.Member::hash).collect(Collectors.toSet()).equals(byHash.keySet())) {
            fail(transfer, people, TransferFailed.Reason.MEMBERS_DIFFER, actor);
            return;
        }
        Map<TransferPerson, NationalId> typed = new HashMap<>();
        for (TransferPerson person : people) {
            NationalId id = vault.decrypt(person.nationalIdKey, person.nationalIdCipher);
            if (Member.byNationalIdHashes(vault.hashes(id)) != null) {
                fail(transfer, people, TransferFailed.Reason.REGISTERED_HERE, actor);
                return;
            }
            typed.put(person, id);
        }
        LocalDate today = LocalDate.now(clock);
        Household household = new Household();
        household.id = UUID.randomUUID();
        household.districtCode = transfer.toDistrictCode;
        household.street = transfer.street;
        household.community = transfer.community;
        household.address = transfer.address;
        household.cohort = Cohort.valueOf(released.cohort());
        household.movedBackOn = released.movedBackOn();
        household.minimumLivingAllowance = released.minimumLivingAllowance();
        household.registeredOn = today;
        household.status = HouseholdStatus.NOT_ZERO_EMPLOYMENT;
        household.transferredFrom = transfer.fromDistrictCode;
        household.transferId = transfer.id;
        claims.movedHere(transfer.fromDeployment, byHash.keySet().stream().sorted().toList());
        for (TransferReleased.Member facts : released.members()) {
            TransferPerson person = byHash.get(facts.hash());
            household.members.add(member(household, person, typed.get(person), facts, actor));
        }
        household.persist();
        outbox.publish(household.id, new HouseholdRegistered(household.id, household.districtCode, household.cohort.name(), today,
                household.members.stream().map(m -> ZeroEmploymentTransitions.summary(m, today)).toList()));
        household.members.forEach(m -> labourReports.applyPending(household, m));
        transitions.arrived(household, released.zeroEmploymentSince(), transfer.fromDistrictCode, released.identificationConfirmedOn(),
                today);
        people.forEach(TransferPerson::wipe);
        transfer.fromHouseholdId = released.fromHouseholdId();
        transfer.householdId = household.id;
        decided(transfer, Status.COMPLETED, actor, transfer.note);
        outbox.publish(transfer.id.toString(), new TransferCompleted(transfer.id, transfer.fromDeployment, transfer.fromDistrictCode,
                transfer.toDeployment, transfer.toDistrictCode, today));
        audit.recordAtCommit(actor, "household", household.id, "TRANSFER_IN", null, AuditedHousehold.of(household, today));
    }

    /** The household asked for could not be taken: the request closes, what was typed is wiped, the sender is told. */
    private void fail(HouseholdTransfer transfer, List<TransferPerson> people, TransferFailed.Reason reason, String actor) {
        transfer.failureReason = reason;
        decided(transfer, Status.FAILED, actor, transfer.note);
        people.forEach(TransferPerson::wipe);
        outbox.publish(transfer.id.toString(), new TransferFailed(transfer.id, transfer.fromDeployment, transfer.fromDistrictCode,
                transfer.toDeployment, transfer.toDistrictCode, reason, LocalDate.now(clock)));
        LOG.warnf("transfer %s from %s could not be taken: %s", transfer.id, transfer.fromDistrictCode, reason);
        audit.recordAtCommit(actor, "transfer", transfer.id, "TRANSFER_FAILED", Map.of("status", Status.REQUESTED),
                Map.of("status", transfer.status, "reason", reason));
    }

    /**
     * The household released from here is registered in the district that asked: its record here closes — exited by a
     * TRANSFERRED, pointing to the new district; an open episode ends with reason TRANSFERRED; each member is removed
     * (member-changed REMOVED), its claim released and its row, with the sealed ID, deleted. Read again, it changes nothing.
     */
    private void completed(TransferCompleted completed, String actor) {
        HouseholdTransfer transfer = em.find(HouseholdTransfer.class, completed.transferId(), LockModeType.PESSIMISTIC_WRITE);
        if (transfer == null || transfer.direction != Direction.OUT || transfer.status != Status.RELEASED
                || !transfer.toDeployment.equals(completed.toDeployment())) {
            return;
        }
        Household household = em.find(Household.class, transfer.householdId, LockModeType.PESSIMISTIC_WRITE);
        LocalDate on = completed.completedOn();
        AuditedHousehold before = AuditedHousehold.of(household, on);
        household.exitReason = ExitReason.TRANSFERRED;
        household.exitNote = "moved to " + divisions.labelled(transfer.toDistrictCode);
        household.exitedOn = on;
        household.exitedBy = actor;
        household.transferredTo = transfer.toDistrictCode;
        household.transferId = transfer.id;
        transitions.transferredOut(household, on, transfer.toDistrictCode);
        for (Member member : List.copyOf(household.members)) {
            transitions.memberChanged(household, member, "REMOVED", Cause.REST, on);
            claims.release(member, "TRANSFERRED", actor);
            household.members.remove(member); // the new district holds the person now; their sealed ID is not kept here
        }
        decided(transfer, Status.COMPLETED, actor, transfer.note);
        audit.recordAtCommit(actor, "household", household.id, "TRANSFER_OUT", before, AuditedHousehold.of(household, on));
    }

    /** The district the household was released to could not take it: it stays here as it was, and may be asked for again. */
    private void failed(TransferFailed failed, String actor) {
        HouseholdTransfer transfer = em.find(HouseholdTransfer.class, failed.transferId(), LockModeType.PESSIMISTIC_WRITE);
        if (transfer == null || transfer.direction != Direction.OUT || transfer.status != Status.RELEASED
                || !transfer.toDeployment.equals(failed.toDeployment())) {
            return;
        }
        transfer.failureReason = failed.reason();
        decided(transfer, Status.FAILED, actor, transfer.note);
        LOG.warnf("transfer %s to %s failed there: %s; the household stays here", transfer.id, transfer.toDistrictCode, failed.reason());
        audit.recordAtCommit(actor, "transfer", transfer.id, "TRANSFER_FAILED", Map.of("status", Status.RELEASED),
                Map.of("status", transfer.status, "reason", failed.reason()));
    }

    /** The district asked would not release the household: the request closes, and the IDs typed here are forgotten. */
    private void refused(TransferRefused refused, String actor) {
        HouseholdTransfer transfer = em.find(HouseholdTransfer.class, refused.transferId(), LockModeType.PESSIMISTIC_WRITE);
        if (transfer == null || transfer.direction != Direction.IN || transfer.status != Status.REQUESTED
                || !transfer.fromDeployment.equals(refused.fromDeployment())) {
            return;
        }
        transfer.refusalReason = refused.reason();
        decided(transfer, Status.REFUSED, actor, transfer.note);
        TransferPerson.<TransferPerson>list("transferId", transfer.id).forEach(TransferPerson::wipe);
        audit.recordAtCommit(actor, "transfer", transfer.id, "TRANSFER_REFUSED", Map.of("status", Status.REQUESTED),
                Map.of("status", transfer.status, "reason", refused.reason()));
    }

    private void refuse(HouseholdTransfer transfer, TransferRefused.Reason reason, String note, String by) {
        transfer.refusalReason = reason;
        decided(transfer, Status.REFUSED, by, note);
        outbox.publish(transfer.id.toString(), new TransferRefused(transfer.id, transfer.fromDeployment, transfer.fromDistrictCode,
                transfer.toDeployment, transfer.toDistrictCode, reason, LocalDate.now(clock)));
    }

    private void decided(HouseholdTransfer transfer, Status status, String by, String note) {
        transfer.status = status;
        transfer.decidedAt = clock.instant();
        transfer.decidedBy = by;
        transfer.note = note;
    }

    /** A transfer asked of this district, in the caller's area, locked, still waiting for a decision. */
    private HouseholdTransfer lockedOut(UUID id) {
        HouseholdTransfer transfer = em.find(HouseholdTransfer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (transfer == null) {
            throw ProblemException.notFound("transfer", id);
        }
        scope.require(transfer.districtCode, "transfer", id);
        if (transfer.direction != Direction.OUT) {
            throw ProblemException.conflict("direction", "asked-of-this-district", "the district a household moves away from"
                    + " releases or refuses it; this district asked for it");
        }
        if (transfer.status != Status.REQUESTED) {
            throw ProblemException.conflict("status", "requested", "the transfer was decided already: " + transfer.status);
        }
        return transfer;
    }

    private static TransferPerson person(HouseholdTransfer transfer, int position, UUID fromMemberId, String hashKeyId, String hash) {
        TransferPerson person = new TransferPerson();
        person.id = UUID.randomUUID();
        person.transferId = transfer.id;
        person.position = position;
        person.fromMemberId = fromMemberId;
        person.hashKeyId = hashKeyId;
        person.hash = hash;
        return person;
    }

    /** A member here from the facts the other district released and what was typed here; their claim goes out with it. */
    private Member member(Household household, TransferPerson typed, NationalId id, TransferReleased.Member facts, String actor) {
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.household = household;
        member.nationalIdCipher = typed.nationalIdCipher;
        member.nationalIdKey = typed.nationalIdKey;
        member.nationalIdHash = vault.hash(id);
        member.nationalIdHashKey = vault.hashKeyId();
        member.nationalIdMasked = typed.nationalIdMasked;
        member.name = typed.name;
        member.birthDate = typed.birthDate;
        member.gender = typed.gender;
        member.relation = Relation.valueOf(facts.relation());
        member.education = facts.education() == null ? null : Education.valueOf(facts.education());
        member.skills = facts.skills() == null ? "" : String.join(",", facts.skills());
        member.labourCapacity = LabourCapacity.valueOf(facts.labourCapacity());
        member.willingToWork = facts.willingToWork();
        member.occupationCategory = facts.occupationCategory() == null ? null : OccupationCategory.valueOf(facts.occupationCategory());
        member.status = EmploymentStatus.valueOf(facts.employmentStatus());
        member.statusSince = facts.statusSince();
        member.businessIncome = facts.businessIncome();
        member.graduatedOn = facts.graduatedOn();
        member.graduateNeedSince = facts.graduateNeedSince();
        member.refreshAgeDates();
        claims.claim(member, actor);
        return member;
    }

    private static TransferReleased.Member released(Member m) {
        return new TransferReleased.Member(m.id, m.nationalIdHashKey, m.nationalIdHash, m.relation.name(),
                m.education == null ? null : m.education.name(), m.skillList(), m.labourCapacity.name(), m.willingToWork,
                m.occupationCategory == null ? null : m.occupationCategory.name(), m.status.name(), m.statusSince, m.businessIncome,
                m.graduatedOn, m.graduateNeedSince);
    }

    /** The day the household's identification of its current episode was confirmed, or null. */
    private static LocalDate confirmedOn(Household household) {
        if (household.zeroEmploymentSince == null) {
            return null;
        }
        Identification confirmed = Identification.<Identification>find("householdId = ?1 and stage = ?2 and closedOn >= ?3",
                Sort.descending("closedOn"), household.id, IdentificationProcedure.Stage.CONFIRMED, household.zeroEmploymentSince).firstResult();
        return confirmed == null ? null : confirmed.closedOn;
    }

    private static NationalId parse(String typed, String field) {
        try {
            return NationalId.parse(typed);
        } catch (NationalId.InvalidNationalIdException e) {
            throw ProblemException.invalid(field, e.rule(), "nationalId " + e.getMessage());
        }
    }
}
