package io.wanjia.deadline.messaging;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.wanjia.commons.cloudevents.CloudEvent;
import io.wanjia.commons.inbox.EventInbox;
import io.wanjia.contracts.EventType;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.deadline.service.CaseLifecycle;
import io.wanjia.deadline.service.Policies;

/**
 * Opens and closes cases from {@code household.events.v1} (a graduate's target too), a polled batch at a time, through the
 * idempotent inbox.
 */
@ApplicationScoped
public class HouseholdEventConsumer {

    static final String CONSUMER = "household-events";
    private static final Logger LOG = Logger.getLogger(HouseholdEventConsumer.class);

    private static final Set<EventType> IDENTIFICATION = EnumSet.of(EventType.IDENTIFICATION_OPENED,
            EventType.IDENTIFICATION_STEP_COMPLETED, EventType.IDENTIFICATION_CONFIRMED, EventType.IDENTIFICATION_REJECTED);
    /** What every batch acts on; members' changes and exits join while they are followed (below). */
    private static final Set<EventType> ALWAYS = with(IDENTIFICATION, EventType.ZERO_EMPLOYMENT_STARTED, EventType.ZERO_EMPLOYMENT_ENDED,
            EventType.GRADUATE_REGISTERED);
    private static final Set<EventType> WITH_MEMBERS = with(ALWAYS, EventType.MEMBER_CHANGED, EventType.HOUSEHOLD_EXITED);

    @Inject
    EventInbox inbox;
    @Inject
    CaseLifecycle cases;
    @Inject
    Policies policies;
    @Inject
    ObjectMapper json;

    @Incoming("household-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        boolean secondStage = secondStage(records);
        // The inbox records (and so de-duplicates) only what this service acts on: registrations, labour-report receipts, and
        // members' changes while no second-stage target is followed change nothing here, and a row each would cost the
        // database as much as any other (bench/README.md, session 14).
        inbox.process(CONSUMER, secondStage ? WITH_MEMBERS : ALWAYS, records, events -> applyAll(events, secondStage), this::apply);
    }

    /**
     * Whether members' changes matter to this batch: a graduate's target opens whatever the policies, so once one registers
     * in the batch its member's changes matter too; else whether they are followed. Where the database cannot say (it is
     * away), they are taken to matter: following them changes nothing that is not so, and the inbox then waits for the
     * database as it does for any batch — a failure here must not stop the channel.
     */
    private boolean secondStage(ConsumerRecords<String, String> records) {
        if (anyGraduateRegistered(records)) {
            return true;
        }
        try {
            return QuarkusTransaction.requiringNew().call(this::followsMembers);
        } catch (RuntimeException e) {
            LOG.debugf("members' changes followed for this batch: whether they matter could not be read (%s)", e.getMessage());
            return true;
        }
    }

    private static Set<EventType> with(Set<EventType> types, EventType... more) {
        EnumSet<EventType> all = EnumSet.copyOf(types);
        all.addAll(List.of(more));
        return all;
    }

    private static boolean anyGraduateRegistered(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            if (CloudEvent.declaredType(record).filter(EventType.GRADUATE_REGISTERED::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens and closes the batch's cases together, then follows the identifications, then the members' changes (while a
     * second-stage target is on, or a target's case is still open somewhere) with the graduates in need (always): an
     * identification or member's change waits until the batch's starts and ends are applied, unless a later event of the
     * same household would overtake it — a start or an end, or a deferred event of the other kind — then what came before
     * is applied first, so each household's events take effect in their order while the usual batch (a start and its
     * identification-opened, household after household) stays one set-based pass.
     */
    private void applyAll(List<CloudEvent> events, boolean secondStage) throws Exception {
        List<CaseLifecycle.Change> changes = new ArrayList<>();
        List<CloudEvent> identifications = new ArrayList<>();
        List<CaseLifecycle.MemberChange> members = new ArrayList<>();
        java.util.Set<UUID> identifying = new java.util.HashSet<>(), changing = new java.util.HashSet<>();
        for (CloudEvent event : events) {
            CaseLifecycle.Change change = read(event);
            if (change != null) {
                if (identifying.contains(change.householdId()) || changing.contains(change.householdId())) {
                    applyInOrder(changes, identifications, members);
                    identifying.clear();
                    changing.clear();
                }
                changes.add(change);
            } else if (identification(event)) {
                if (changing.contains(householdOf(event))) {
                    applyInOrder(changes, identifications, members);
                    identifying.clear();
                    changing.clear();
                }
                identifications.add(event);
                identifying.add(householdOf(event));
            } else if (graduateRegistered(event) || secondStage && (memberChanged(event) || exited(event))) {
                if (identifying.contains(householdOf(event))) {
                    applyInOrder(changes, identifications, members);
                    identifying.clear();
                    changing.clear();
                }
                members.add(memberChange(event));
                changing.add(householdOf(event));
            }
        }
        applyInOrder(changes, identifications, members);
    }

    /** Whether members' changes matter: a second-stage target is on, or one of its cases is still open (its policy removed). */
    private boolean followsMembers() {
        return policies.anySecondStage() || cases.anyOpenTarget();
    }

    private void applyInOrder(List<CaseLifecycle.Change> changes, List<CloudEvent> identifications,
            List<CaseLifecycle.MemberChange> members) throws Exception {
        cases.openAndClose(changes);
        changes.clear();
        cases.identifications(identifications.stream().map(HouseholdEventConsumer::identificationEvent).toList());
        identifications.clear();
        cases.memberChanges(List.copyOf(members));
        members.clear();
    }

    private static boolean memberChanged(CloudEvent event) {
        return EventType.ofType(event.type()).filter(EventType.MEMBER_CHANGED::equals).isPresent();
    }

    /** A household's exit: it withdraws the targets still open (a household in work may have some). */
    private static boolean exited(CloudEvent event) {
        return EventType.ofType(event.type()).filter(EventType.HOUSEHOLD_EXITED::equals).isPresent();
    }

    private static boolean graduateRegistered(CloudEvent event) {
        return EventType.ofType(event.type()).filter(EventType.GRADUATE_REGISTERED::equals).isPresent();
    }

    private static CaseLifecycle.MemberChange memberChange(CloudEvent event) {
        return new CaseLifecycle.MemberChange(householdOf(event), event.id(), EventType.ofType(event.type()).orElseThrow(), event.data());
    }

    private static CaseLifecycle.IdentificationEvent identificationEvent(CloudEvent event) {
        return new CaseLifecycle.IdentificationEvent(householdOf(event), event.id(), EventType.ofType(event.type()).orElseThrow(), event.data());
    }

    private static UUID householdOf(CloudEvent event) {
        return UUID.fromString(event.data().get("householdId").asText());
    }

    private void apply(CloudEvent event) throws Exception {
        CaseLifecycle.Change change = read(event);
        if (change != null) {
            cases.openOrClose(change);
        } else if (identification(event)) {
            cases.identifications(List.of(identificationEvent(event)));
        } else if (graduateRegistered(event) || (memberChanged(event) || exited(event)) && followsMembers()) {
            cases.memberChanges(List.of(memberChange(event)));
        }
    }

    private static boolean identification(CloudEvent event) {
        return EventType.ofType(event.type()).filter(IDENTIFICATION::contains).isPresent();
    }

    /** The start or end of zero-employment an event reports, or null for the events that do not concern the deadline. */
    private CaseLifecycle.Change read(CloudEvent event) throws Exception {
        EventType type = EventType.ofType(event.type()).orElse(null);
        if (type != EventType.ZERO_EMPLOYMENT_STARTED && type != EventType.ZERO_EMPLOYMENT_ENDED) {
            return null; // registrations, member changes and identification steps open and close no case
        }
        return new CaseLifecycle.Change(event.id(), type == EventType.ZERO_EMPLOYMENT_STARTED
                ? json.treeToValue(event.data(), ZeroEmploymentStarted.class)
                : json.treeToValue(event.data(), ZeroEmploymentEnded.class));
    }
}
