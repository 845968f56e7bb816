package io.wanjia.deadline.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.wanjia.commons.audit.AuditTrail;
import io.wanjia.commons.jdbc.SqlValues;
import io.wanjia.commons.problem.ProblemException;
import io.wanjia.commons.security.AreaScope;
import io.wanjia.commons.security.Roles;
import io.wanjia.deadline.WebhookSubscription;
import io.wanjia.contracts.Cohort;
import io.wanjia.deadline.domain.CalendarCoverage;
import io.wanjia.deadline.domain.ClockStart;
import io.wanjia.deadline.domain.DayKind;
import io.wanjia.deadline.domain.IdentificationDeadlines;
import io.wanjia.deadline.domain.LadderStep;
import io.wanjia.deadline.domain.Policy;
import io.wanjia.deadline.domain.SubscriptionKind;
import io.wanjia.deadline.domain.Target;
import io.wanjia.deadline.rest.DeadlineRequests.HolidayBody;
import io.wanjia.deadline.rest.DeadlineRequests.PolicyBody;
import io.wanjia.deadline.rest.DeadlineRequests.Step;
import io.wanjia.deadline.rest.DeadlineRequests.Subscribe;
import io.wanjia.deadline.rest.DeadlineViews.DeliveryView;
import io.wanjia.deadline.rest.DeadlineViews.SubscriptionView;
import io.wanjia.deadline.service.Policies;
import io.wanjia.deadline.service.WebhookSubscriptions;
import io.wanjia.deadline.service.WebhookSubscriptions.NewSubscription;

/** Deadline policies, the holiday calendar and alert subscriptions (webhook, e-mail, group robots), for administrators of an area. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
@SecurityRequirement(name = "SecurityScheme")
public class AdminResource {

    private static final String PREFIX = "\\d{2}|\\d{4}|\\d{6}";
    private static final String PREFIX_MESSAGE = "must be a division-code prefix of 2, 4 or 6 digits";

    @Inject
    Policies policies;
    @Inject
    AreaScope scope;
    @Inject
    AuditTrail audit;
    @Inject
    EntityManager em;
    @Inject
    WebhookSubscriptions subscriptions;

    @GET
    @Path("/policies")
    @Operation(summary = "Policies set within your area (the standard policy applies where none is)")
    public List<Policy> policies() {
        return policies.all().stream().filter(p -> p.areaPrefix().startsWith(scope.area())).toList();
    }

    @GET
    @Path("/policies/effective")
    @Operation(summary = "The policy a case opened now in this district would get, for a household of this cohort (default STANDARD)"
            + " and a target (default HOUSEHOLD; 404 for a second-stage target that is off there)")
    public Policy effective(@QueryParam("district") @NotNull @Pattern(regexp = "\\d{6}", message = "must be a 6-digit division code") String district,
            @QueryParam("cohort") @DefaultValue("STANDARD") Cohort cohort, @QueryParam("target") @DefaultValue("HOUSEHOLD") Target target) {
        scope.require(district, "district", district);
        return target == Target.HOUSEHOLD ? policies.forCase(district, cohort)
                : policies.forTarget(district, cohort, target).orElseThrow(() -> ProblemException.notFound("policy", target + " in " + district));
    }

    @PUT
    @Path("/policies/{areaPrefix}")
    @Transactional
    @Operation(summary = "Set the policy of an area prefix, for one cohort's households or (no cohort) for every cohort;"
            + " it applies to cases opened after the change")
    public Policy put(@PathParam("areaPrefix") @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String areaPrefix,
            @QueryParam("cohort") Cohort cohort, @QueryParam("target") @DefaultValue("HOUSEHOLD") Target target, @Valid @NotNull PolicyBody body) {
        requireWithinArea(areaPrefix);
        Policy policy;
        try {
            policy = new Policy(areaPrefix, cohort, target, body.lengthDays(), body.dayKind(), body.ladder().stream().map(AdminResource::step).toList(),
                    step(body.breach()), body.repeatEveryDays(), body.identification() == null ? null
                            : new IdentificationDeadlines(body.identification().verify(), body.identification().review(),
                                    body.identification().posting(), body.identification().confirm()), body.clockStarts());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("ladder", "within-length", e.getMessage());
        }
        if (target != Target.HOUSEHOLD && policy.clockStarts() != ClockStart.ZERO_EMPLOYMENT) {
            throw ProblemException.invalid("clockStarts", "from-its-start", "a target's clock starts the day it began (a graduate's:"
                    + " the later of the graduation and the registration of the need); clockStarts is for the household's promise only");
        }
        CalendarCoverage coverage = policies.coverageWith(policy);
        if (policy.dayKind() == DayKind.WORKING && !coverage.complete()) {
            throw ProblemException.conflict("dayKind", "calendar-coverage", "a working-day deadline opened today would run to "
                    + coverage.neededThrough() + ", but the holiday calendar lacks " + coverage.missingYears()
                    + ": load the State Council's notice first (PUT /api/v1/holidays/{day})");
        }
        Policy before = policies.set(areaPrefix, cohort, target).orElse(null);
        policies.put(policy, scope.subject());
        audit.record("policy", auditKey(areaPrefix, cohort, target), "PUT", before, policy);
        return policy;
    }

    @DELETE
    @Path("/policies/{areaPrefix}")
    @Transactional
    @Operation(summary = "Remove the policy of an area prefix and cohort (a wider one, or the built-in one, applies again)")
    public Response delete(@PathParam("areaPrefix") @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String areaPrefix,
            @QueryParam("cohort") Cohort cohort, @QueryParam("target") @DefaultValue("HOUSEHOLD") Target target) {
        // Like any record outside the caller's area: as if it did not exist (a wider area's policy applies to the
        // caller's districts, but only its own admins change it).
        Policy before = policies.set(areaPrefix, cohort, target).orElse(null);
        if (!areaPrefix.startsWith(scope.area()) || !policies.delete(areaPrefix, cohort, target)) {
            throw ProblemException.notFound("policy", auditKey(areaPrefix, cohort, target));
        }
        audit.record("policy", auditKey(areaPrefix, cohort, target), "DELETE", before, null);
        return Response.noContent().build();
    }

    @GET
    @Path("/holidays")
    @Operation(summary = "The listed days of a year: public holidays and weekends worked instead")
    public Map<LocalDate, String> holidays(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year) {
        return policies.holidays(year);
    }

    @GET
    @Path("/holidays/coverage")
    @Operation(summary = "Which years the calendar covers and whether working-day deadlines opened today need a missing one")
    public CalendarCoverage coverage() {
        return policies.coverage();
    }

    @PUT
    @Path("/holidays/{day}")
    @Operation(summary = "Mark a date as a public holiday or a make-up working day")
    public Map<String, String> putHoliday(@PathParam("day") LocalDate day, @Valid @NotNull HolidayBody body) {
        // The token's own area, not the deployment's narrowing of it: a district's deployment has its province's admins.
        if (scope.ownArea().length() != 2) {
            throw ProblemException.forbidden("day", "province-admin", "the holiday calendar is national: a province-level admin sets it");
        }
        policies.putHoliday(day, body.kind());
        return Map.of("day", day.toString(), "kind", body.kind().name());
    }

    @POST
    @Path("/webhooks")
    @Transactional
    @Operation(summary = "Subscribe to the alerts of an area from a minimum level on: a signed webhook (kind absent or WEBHOOK),"
            + " e-mail (EMAIL), a 企业微信 (WECOM) or 钉钉 (DINGTALK) group robot")
    public Response subscribe(@Valid @NotNull Subscribe body) {
        requireWithinArea(body.areaPrefix());
        WebhookSubscription s = subscriptions.subscribe(new NewSubscription(body.kind(), body.url(), body.recipients(),
                body.areaPrefix(), body.minLevel(), body.secret()), scope.subject());
        audit.record("webhook", s.id, "SUBSCRIBE", null, view(s));
        return Response.created(URI.create("/api/v1/webhooks/" + s.id)).entity(view(s)).build();
    }

    @GET
    @Path("/webhooks")
    @Operation(summary = "Subscriptions within your area")
    public List<SubscriptionView> subscriptions() {
        return WebhookSubscription.<WebhookSubscription>list("areaPrefix like ?1 order by createdAt", scope.likePattern())
                .stream().map(AdminResource::view).toList();
    }

    @DELETE
    @Path("/webhooks/{id}")
    @Transactional
    @Operation(summary = "Stop a subscription (its delivery log stays readable)")
    public Response unsubscribe(@PathParam("id") UUID id) {
        WebhookSubscription s = subscription(id);
        SubscriptionView before = view(s);
        s.active = false;
        audit.record("webhook", id, "UNSUBSCRIBE", before, view(s));
        return Response.noContent().build();
    }

    @GET
    @Path("/webhooks/{id}/deliveries")
    @Operation(summary = "The delivery log of a subscription, newest first")
    public List<DeliveryView> deliveries(@PathParam("id") UUID id) {
        subscription(id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, step_id, event_id, event_type, status, attempts, last_status, last_error, next_attempt_at, delivered_at
                FROM webhook_delivery WHERE subscription_id = ?1 ORDER BY id DESC LIMIT 500""").setParameter(1, id).getResultList();
        return rows.stream().map(r -> new DeliveryView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                (String) r[3], (String) r[4], ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).intValue(),
                (String) r[7], SqlValues.instant(r[8]), r[9] == null ? null : SqlValues.instant(r[9]))).toList();
    }

    private WebhookSubscription subscription(UUID id) {
        WebhookSubscription s = WebhookSubscription.findById(id);
        if (s == null || !s.areaPrefix.startsWith(scope.area())) {
            throw ProblemException.notFound("webhook", id);
        }
        return s;
    }

    private void requireWithinArea(String prefix) {
        if (!prefix.startsWith(scope.area())) {
            throw ProblemException.forbidden("areaPrefix", "in-your-area", "areaPrefix " + prefix + " is outside your area");
        }
    }

    private static LadderStep step(Step s) {
        return new LadderStep(s.day(), s.level(), s.recipientRole(), s.areaDigits());
    }

    private static SubscriptionView view(WebhookSubscription s) {
        return new SubscriptionView(s.id, s.kind, s.url, s.kind == SubscriptionKind.EMAIL ? s.recipientList() : null, s.areaPrefix,
                s.minLevel, s.active, s.createdAt, s.createdBy);
    }

    /** How the audit trail names a policy: its area prefix, its cohort when it has one, its target when not the household's promise. */
    private static String auditKey(String areaPrefix, Cohort cohort, Target target) {
        return areaPrefix + (cohort == null ? "" : " " + cohort) + (target == Target.HOUSEHOLD ? "" : " " + target);
    }
}
