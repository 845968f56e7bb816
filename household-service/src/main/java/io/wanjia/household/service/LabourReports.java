package io.wanjia.household.service;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;
import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.commons.outbox.Outbox;
import io.wanjia.commons.tracing.EventTracing;
import io.wanjia.commons.problem.Redaction;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.tx.WriteBehind;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.JobKind;
import io.wanjia.contracts.household.LabourReportsReceived;
import io.wanjia.household.Household;
import io.wanjia.household.Member;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.EmploymentFacts;
import io.wanjia.household.domain.EmploymentStatus;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.SituationChange;
import io.wanjia.household.domain.StableEmploymentRule;

/**
 * Unemployment and employment reports from other government systems, by Kafka or HTTP alike. A report for a
 * registered person changes the member as of the report's business date; a report for an unknown person
 * waits in {@code unmatched_report} until that person is registered.
 */
@ApplicationScoped
public class LabourReports {

    /** The inbox consumer name: the Kafka and HTTP paths share it, so a {@code ce_id} counts once across both. */
    public static final String CONSUMER = "labour-reports";
    private static final Logger LOG = Logger.getLogger(LabourReports.class);

    @Inject
    NationalIdVault vault;
    @Inject
    DivisionCodes divisions;
    @Inject
    MinimumWages minimumWages;
    @Inject
    ZeroEmploymentTransitions transitions;
    @Inject
    IdentificationDesk identifications;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    WriteBehind writes;
    @Inject
    HouseholdConfig config;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    EventTracing tracing;

    /**
     * A labour report read and checked: what it says, about whom (by hash under each key of the ring, the active one
     * first), as of when.
     */
    private record Report(CloudEvent event, EventType type, NationalId id, List<String> hashes, String district, LocalDate occurredOn) {

        /**
         * Whether this report may change a member of a household in {@code householdDistrict}: only inside the area
         * its publisher reports for. Outside it, the report is kept as if the person were not registered (for a
         * publisher, the two cannot be told apart).
         */
        boolean reaches(String householdDistrict) {
            return householdDistrict.startsWith(AreaScope.areaOf(district));
        }

        /** The hash under the active key: what a row kept for this report stores. */
        String hash() {
            return hashes.get(0);
        }
    }

    /** Applies one labour report in the caller's transaction; throws {@link RejectedEventException} for a bad one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) {
        Report report = read(event);
        countReceived(List.of(report));
        Member member = Member.byNationalIdHashes(report.hashes());
        if (member == null || !report.reaches(member.household.districtCode)) {
            keepUnmatched(report);
            return;
        }
        Household household = em.find(Household.class, member.household.id, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(member); // read again under the household's lock
        change(household, member, report);
    }

    /**
     * Applies a polled batch of labour reports in the caller's transaction with the same result as one by one:
     * the households concerned are locked in id order and loaded with their members in two queries, the reports
     * applied in order in memory, and the changes flushed together at commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(List<CloudEvent> events) {
        List<Report> reports = events.stream().map(this::read).toList();
        countReceived(reports);
        Map<String, Member> registered = lockAndLoad(reports.stream().flatMap(r -> r.hashes().stream()).distinct().toList());
        identifications.readOpen(registered.values().stream().map(m -> m.household.id).toList());
        for (Report report : reports) {
            Member member = report.hashes().stream().map(registered::get).filter(Objects::nonNull).findFirst().orElse(null);
            if (member == null || !report.reaches(member.household.districtCode)) {
                keepUnmatched(report);
            } else {
                // Its events carry the report's trace: a report's key is its publisher's, not the household's.
                tracing.asCurrent(report.event(), () -> change(member.household, member, report));
            }
        }
    }

    /** What a count of reports is kept by: the area their publisher reports for, their kind and business date. */
    private record CountedAs(String districtCode, LabourReportsReceived.Kind kind, LocalDate occurredOn) {
    }

    /**
     * Publishes how many reports this transaction took in, so reporting counts them from an event that names no
     * person: one event per polled batch (or per report over HTTP), which costs the batch path one outbox row.
     */
    private void countReceived(List<Report> reports) {
        if (reports.isEmpty()) {
            return;
        }
        Map<CountedAs, Integer> counts = reports.stream().collect(Collectors.groupingBy(r -> new CountedAs(r.district(),
                r.type() == EventType.UNEMPLOYMENT_REPORTED ? LabourReportsReceived.Kind.UNEMPLOYMENT : LabourReportsReceived.Kind.EMPLOYMENT,
                r.occurredOn()), LinkedHashMap::new, Collectors.summingInt(r -> 1)));
        outbox.publish(UUID.randomUUID(), new LabourReportsReceived(counts.entrySet().stream()
                .map(c -> new LabourReportsReceived.Count(c.getKey().districtCode(), c.getKey().kind(), c.getKey().occurredOn(), c.getValue()))
                .toList()));
    }

    private Map<String, Member> lockAndLoad(List<String> hashes) {
        Map<String, Member> byHash = new HashMap<>();
        if (hashes.isEmpty()) {
            return byHash;
        }
        List<UUID> locked = em.createQuery("""
                SELECT h.id FROM Household h WHERE h.id IN
                    (SELECT m.household.id FROM Member m WHERE m.nationalIdHash IN :hashes) ORDER BY h.id""", UUID.class)
                .setParameter("hashes", hashes).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (locked.isEmpty()) {
            return byHash;
        }
        em.createQuery("SELECT h FROM Household h LEFT JOIN FETCH h.members WHERE h.id IN :ids", Household.class)
                .setParameter("ids", locked).getResultList()
                .forEach(h -> h.members.forEach(m -> byHash.put(m.nationalIdHash, m)));
        return byHash;
    }

    private void change(Household household, Member member, Report report) {
        AuditedState before = AuditedState.of(household, report.occurredOn());
        if (transitions.change(household, member, situationChange(household, report.type(), report.event().data(), report.occurredOn()))) {
            audit.recordAtCommit(AuditTrail.actorOf(report.event()), "household", household.id, "LABOUR_REPORT", before,
                    AuditedState.of(household, report.occurredOn()));
        }
    }

    private Report read(CloudEvent event) {
        EventType type = EventType.ofType(event.type())
                .filter(t -> t == EventType.UNEMPLOYMENT_REPORTED || t == EventType.EMPLOYMENT_REPORTED)
                .orElseThrow(() -> new RejectedEventException("ce_type", "is not a labour report type"));
        NationalId id;
        try {
            id = NationalId.parse(event.data().path("nationalId").asText(null));
        } catch (NationalId.InvalidNationalIdException e) {
            throw new RejectedEventException("data.nationalId", e.getMessage());
        }
        String district = event.data().path("districtCode").asText();
        if (!divisions.isKnown(district)) {
            throw new RejectedEventException("data.districtCode", "is not a known GB/T 2260 division code");
        }
        LocalDate occurredOn = date(event.data(), "occurredOn");
        if (occurredOn.isAfter(LocalDate.now(clock))) {
            throw new RejectedEventException("data.occurredOn", "is in the future");
        }
        return new Report(event, type, id, vault.hashes(id), district, occurredOn);
    }

    /**
     * Which of {@code hashes} (national IDs under any key of the ring) have reports waiting for them, whatever their
     * district: one query for a batch of people about to be registered, so that only theirs are looked up one by one.
     */
    public Set<String> waitingFor(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("SELECT DISTINCT national_id_hash FROM unmatched_report WHERE national_id_hash IN (:hashes)")
                .setParameter("hashes", hashes).getResultList();
        return new HashSet<>(found);
    }

    /**
     * Applies the reports that waited for a person just registered, oldest first, without deciding: the
     * caller decides once for the whole household. Only reports from publishers whose area holds the household
     * apply; the others keep waiting (and are purged with the rest of the unmatched reports).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyPending(Household household, Member member) {
        // The reports may have been hashed under another key of the ring than the member: match the ID under each.
        List<String> hashes = vault.hashes(vault.decrypt(member.nationalIdKey, member.nationalIdCipher));
        @SuppressWarnings("unchecked")
        List<Object[]> pending = em.createNativeQuery("""
                SELECT event_id, type, facts::text, occurred_on FROM unmatched_report
                WHERE national_id_hash IN (:hashes) AND :district LIKE regexp_replace(district_code, '(00)+$', '') || '%'
                ORDER BY occurred_on, received_at""")
                .setParameter("hashes", hashes).setParameter("district", household.districtCode).getResultList();
        for (Object[] row : pending) {
            EventType type = EventType.ofType((String) row[1]).orElseThrow();
            try {
                transitions.record(household, member, situationChange(household, type, json.readTree((String) row[2]), SqlValues.date(row[3])));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored report facts are not JSON", e);
            }
        }
        if (!pending.isEmpty()) {
            em.createNativeQuery("DELETE FROM unmatched_report WHERE event_id IN (:applied)")
                    .setParameter("applied", pending.stream().map(row -> (String) row[0]).toList()).executeUpdate();
            LOG.infof("applied %d waiting report(s) to member %s", pending.size(), member.id);
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purgeUnmatched();
    }

    /** Deletes the unmatched reports received longer ago than the retention; returns how many. */
    @Transactional
    public int purgeUnmatched() {
        int purged = em.createNativeQuery("DELETE FROM unmatched_report WHERE received_at < ?1")
                .setParameter(1, Timestamp.from(clock.instant().minus(config.unmatchedReportRetention()))).executeUpdate();
        if (purged > 0) {
            LOG.infof("purged %d unmatched report(s) older than %s", purged, config.unmatchedReportRetention());
        }
        return purged;
    }

    /** What a report says of a member's situation: unemployed, or employed as the stable-employment rule judges the job. */
    private SituationChange situationChange(Household household, EventType type, JsonNode data, LocalDate occurredOn) {
        EmploymentStatus status = type == EventType.UNEMPLOYMENT_REPORTED
                ? EmploymentStatus.UNEMPLOYED
                : StableEmploymentRule.judge(employmentFacts(data), minimumWages.of(household.districtCode));
        return new SituationChange.Reported(status, occurredOn);
    }

    private static EmploymentFacts employmentFacts(JsonNode data) {
        JobKind kind = data.hasNonNull("kind") ? JobKind.valueOf(data.get("kind").asText()) : null;
        Integer months = data.hasNonNull("contractMonths") ? data.get("contractMonths").asInt() : null;
        BigDecimal income = data.hasNonNull("monthlyIncome") ? data.get("monthlyIncome").decimalValue() : null;
        Boolean insurance = data.hasNonNull("socialInsurancePaid") ? data.get("socialInsurancePaid").asBoolean() : null;
        Boolean licence = data.hasNonNull("businessLicence") ? data.get("businessLicence").asBoolean() : null;
        return new EmploymentFacts(kind, months, income, insurance, licence);
    }

    /** Keeps a report for a person not (yet) registered; nothing reads it back in this transaction. */
    private void keepUnmatched(Report report) {
        ObjectNode facts = report.event().data().deepCopy();
        facts.remove("nationalId");
        // A publisher's free text (a source reference built from the social-insurance number, say) may hold a number.
        facts.properties().forEach(f -> {
            if (f.getValue().isTextual()) {
                f.setValue(facts.textNode(Redaction.mask(f.getValue().asText())));
            }
        });
        writes.add("""
                INSERT INTO unmatched_report (event_id, national_id_hash, national_id_hash_key, national_id_cipher, national_id_key,
                    national_id_masked, district_code, type, occurred_on, facts, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT (event_id) DO NOTHING""",
                report.event().id(), report.hash(), vault.hashKeyId(), vault.encrypt(report.id()), vault.encryptionKeyId(),
                report.id().masked(), report.district(), report.type().type(), report.occurredOn(), facts.toString(),
                Timestamp.from(clock.instant()));
    }

    private static LocalDate date(JsonNode data, String field) {
        try {
            return LocalDate.parse(data.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new RejectedEventException("data." + field, "must be a date (YYYY-MM-DD)");
        }
    }
}
