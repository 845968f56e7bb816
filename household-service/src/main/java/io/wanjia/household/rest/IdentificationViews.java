package io.wanjia.household.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.wanjia.household.ContactAttempt;
import io.wanjia.household.Identification;
import io.wanjia.household.IdentificationEntry;
import io.wanjia.household.Objection;
import io.wanjia.household.domain.Reachability;

/** What the identification and contact endpoints answer. No person's name or number: households and members by id. */
public final class IdentificationViews {

    private IdentificationViews() {
    }

    /** An identification with its timeline and objections. */
    public record IdentificationView(UUID id, UUID householdId, String districtCode, String source, String stage, LocalDate openedOn,
            boolean ruleAgrees, String ruleFinding, LocalDate postingStartsOn, LocalDate postingEndsOn, String ledgerNumber,
            LocalDate closedOn, String closeReason, List<EntryView> timeline, List<ObjectionView> objections) {

        public static IdentificationView of(Identification i) {
            return new IdentificationView(i.id, i.householdId, i.districtCode, i.source.name(), i.stage.name(), i.openedOn, i.ruleAgrees,
                    i.ruleFinding.name(), i.postingStartsOn, i.postingEndsOn, i.ledgerNumber, i.closedOn, i.closeReason,
                    i.entries.stream().map(EntryView::of).toList(), i.objections.stream().map(ObjectionView::of).toList());
        }
    }

    /** One step on the timeline. */
    public record EntryView(String action, String stageAfter, LocalDate on, String method, String note, String actor) {

        static EntryView of(IdentificationEntry e) {
            return new EntryView(e.action, e.stageAfter.name(), e.on, e.method == null ? null : e.method.name(), e.note, e.actor);
        }
    }

    /** An objection and its resolution. */
    public record ObjectionView(UUID id, LocalDate raisedOn, String raisedBy, String what, String resolution, LocalDate resolvedOn,
            String resolutionNote) {

        static ObjectionView of(Objection o) {
            return new ObjectionView(o.id, o.raisedOn, o.raisedBy, o.what, o.resolution.name(), o.resolvedOn, o.resolutionNote);
        }
    }

    /** One contact attempt. */
    public record ContactView(UUID id, LocalDate on, String channel, boolean reached, UUID memberId, String note, String actor) {

        public static ContactView of(ContactAttempt c) {
            return new ContactView(c.id, c.attemptedOn, c.channel.name(), c.reached, c.memberId, c.note, c.actor);
        }
    }

    /** The contact log of a household and what it shows: whether the household is unreachable, since when attempts fail. */
    public record ContactLogView(List<ContactView> attempts, boolean unreachable, LocalDate failingSince, int failedAttempts) {

        public static ContactLogView of(List<ContactAttempt> attempts, Reachability.Finding finding) {
            return new ContactLogView(attempts.stream().map(ContactView::of).toList(), finding.unreachable(), finding.failingSince(),
                    finding.failedAttempts());
        }
    }
}
