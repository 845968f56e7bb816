package io.wanjia.e2e;

import static io.wanjia.e2e.AuthorizationMatrixIT.Area.ADDRESSEE;
import static io.wanjia.e2e.AuthorizationMatrixIT.Area.CREATE;
import static io.wanjia.e2e.AuthorizationMatrixIT.Area.LIST;
import static io.wanjia.e2e.AuthorizationMatrixIT.Area.NONE;
import static io.wanjia.e2e.AuthorizationMatrixIT.Area.PROVINCE;
import static io.wanjia.e2e.AuthorizationMatrixIT.Area.RECORD;
import static io.wanjia.e2e.AuthorizationMatrixIT.Area.REFUSALS_ONLY;
import static io.wanjia.e2e.Households.as;
import static io.wanjia.e2e.Households.get;
import static io.wanjia.e2e.Households.member;
import static io.wanjia.e2e.Households.nationalId;
import static io.wanjia.e2e.Households.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who may call what: every {@code /api} operation of the four packaged services, read from their OpenAPI documents,
 * called without a token, by each of the six roles, and by the allowed roles inside and outside the area of real records,
 * against one table of expected answers ({@link #TABLE}); an operation without a row, or a row without an operation, fails.
 */
class AuthorizationMatrixIT {

    private static final String HOUSEHOLD = "household-service", PLACEMENT = "placement-service", DEADLINE = "deadline-monitor",
            REPORTING = "reporting-service";
    private static final String CASEWORKER = "caseworker", OFFICER = "placement-officer", SUPERVISOR = "supervisor",
            OFFICIAL = "official", PUBLISHER = "publisher", ADMIN = "admin";
    private static final List<String> ROLES = List.of(CASEWORKER, OFFICER, SUPERVISOR, OFFICIAL, PUBLISHER, ADMIN);
    /** Where the records live: 葫芦岛市连山区, which no other test writes to (FuzzIT has 兴城市 211481). */
    private static final String IN = "211402";
    /** The same roles elsewhere: another district of the same city (龙港区) and a district of another city (大连市中山区). */
    private static final List<String> OUTSIDE = List.of("211403", "210202");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Records R = new Records();
    private static final String TEST_CLOCK = "the service's one clock, for end-to-end tests: no area's record";
    private static final String DUPLICATE_REVIEW = "a review comes from another district's claim; IdentityClaimsIT checks its area";
    private static final String TRANSFER = "a transfer comes from another district's request or a typed family that another"
            + " district holds; HouseholdTransfersIT and CityIdentityIT check its area";
    private static final String IMPORT_JOB = "an import job comes from a multipart upload; LedgerImportIT checks its area";

    /** How the caller's area bounds an operation (DESIGN.md, Security; the module READMEs). */
    enum Area {
        /**
         * The request names a record of the caller's area, by a path id or in its body or query: the same role in another
         * district or city gets 404, never the content.
         */
        RECORD,
        /** Answers for the caller's own area: 200 elsewhere too, holding nothing of this district. */
        LIST,
        /** Makes something in the district or area prefix the request names: the same role outside it gets 403. */
        CREATE,
        /**
         * An alert is acknowledged by its addressee only, the role and area it was sent to (deadline-monitor README): the
         * same role elsewhere gets 404; a supervisor reading the case workers' alert gets 403 {@code rule: addressee}.
         */
        ADDRESSEE,
        /** National data, changed only by an admin whose own area is a province: a district's admin gets 403. */
        PROVINCE,
        /** Not bounded by area (the row says why): every area gets the same answer. */
        NONE,
        /** Only the refusals are checked (the row says why an allowed caller is not sent). */
        REFUSALS_ONLY
    }

    /**
     * The expected answers, one row per operation: the roles allowed, how the area applies, and the status an allowed
     * caller of the area gets for the request shown. The roles are each service's README endpoint table (the contract)
     * and agree with its resources' {@code @RolesAllowed}; where a README does not list an operation, the row says where
     * it comes from. Rows run in this order, so a row that removes a record comes after those that read it.
     */
    private static final List<Row> TABLE = List.of(
            // household-service README, "Endpoints": caseworker unless noted.
            row(HOUSEHOLD, "POST /api/v1/households", by(CASEWORKER), CREATE, 201, role -> to("/api/v1/households").body(newHousehold())),
            row(HOUSEHOLD, "GET /api/v1/households", by(CASEWORKER), LIST, 200, role -> to("/api/v1/households?size=500").showing(R.household)),
            row(HOUSEHOLD, "GET /api/v1/households/{id}", by(CASEWORKER, SUPERVISOR), RECORD, 200,
                    role -> to("/api/v1/households/" + R.household)),
            row(HOUSEHOLD, "POST /api/v1/households/lookup", by(CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/households/lookup").body(Map.of("nationalId", R.memberNationalId))),
            row(HOUSEHOLD, "POST /api/v1/households/{id}/members/{memberId}/national-id/reveal", by(CASEWORKER), RECORD, 200,
                    role -> to(memberPath(R.household, R.member) + "/national-id/reveal").body(Map.of("reason", "授权矩阵测试：核对身份"))),
            row(HOUSEHOLD, "POST /api/v1/households/{id}/members", by(CASEWORKER), RECORD, 201,
                    role -> to("/api/v1/households/" + R.changing + "/members").body(newMember("EMPLOYED_STABLE"))),
            row(HOUSEHOLD, "PATCH /api/v1/households/{id}/members/{memberId}", by(CASEWORKER), RECORD, 200,
                    role -> to(memberPath(R.changing, R.changingMember)).body(Map.of("skills", List.of("driving", "cooking")))),
            row(HOUSEHOLD, "DELETE /api/v1/households/{id}/members/{memberId}", by(CASEWORKER), RECORD, 200,
                    role -> to(memberPath(R.changing, R.removedMember))),
            row(HOUSEHOLD, "POST /api/v1/households/{id}/exit", by(CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/households/" + R.leaving + "/exit").body(Map.of("reason", "LOST_ABILITY_OR_WILLINGNESS"))),
            row(HOUSEHOLD, "PUT /api/v1/households/{id}/cohort", by(CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/households/" + R.changing + "/cohort").body(Map.of("cohort", "STANDARD"))),
            row(HOUSEHOLD, "PUT /api/v1/households/{id}/minimum-living-allowance", by(CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/households/" + R.changing + "/minimum-living-allowance")
                            .body(Map.of("minimumLivingAllowance", true))),
            row(HOUSEHOLD, "GET /api/v1/households/{id}/history", by(CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/households/" + R.household + "/history")),
            // household-service README, "Ledger import" (#18): a job is made by a multipart upload, which this table's
            // requests do not send; LedgerImportIT registers through it and checks the area (rows outside-area, 404 to
            // another area's caseworker). Here: who may call at all.
            row(HOUSEHOLD, "GET /api/v1/imports/template.xlsx", by(CASEWORKER), NONE, 200, role -> to("/api/v1/imports/template.xlsx"),
                    "the empty template: no area's record"),
            row(HOUSEHOLD, "POST /api/v1/imports", by(CASEWORKER), REFUSALS_ONLY, 202, role -> to("/api/v1/imports").body(Map.of()),
                    IMPORT_JOB),
            row(HOUSEHOLD, "GET /api/v1/imports/{id}", by(CASEWORKER), REFUSALS_ONLY, 200, role -> to("/api/v1/imports/" + UUID.randomUUID()),
                    IMPORT_JOB),
            row(HOUSEHOLD, "GET /api/v1/imports/{id}/errors.xlsx", by(CASEWORKER), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/imports/" + UUID.randomUUID() + "/errors.xlsx"), IMPORT_JOB),
            row(HOUSEHOLD, "GET /api/v1/imports/{id}/errors.csv", by(CASEWORKER), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/imports/" + UUID.randomUUID() + "/errors.csv"), IMPORT_JOB),
            row(HOUSEHOLD, "GET /api/v1/imports/{id}/households.csv", by(CASEWORKER), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/imports/" + UUID.randomUUID() + "/households.csv"), IMPORT_JOB),
            // household-service README, "Identification (认定)": each step by the role that takes it, reads by both.
            row(HOUSEHOLD, "POST /api/v1/households/{id}/identifications", by(CASEWORKER), RECORD, 201,
                    role -> to("/api/v1/households/" + R.changing + "/identifications").body(Map.of("note", "授权矩阵测试：申报"))),
            row(HOUSEHOLD, "GET /api/v1/households/{id}/identifications", by(CASEWORKER, SUPERVISOR), RECORD, 200,
                    role -> to("/api/v1/households/" + R.household + "/identifications")),
            row(HOUSEHOLD, "GET /api/v1/identifications", by(CASEWORKER, SUPERVISOR), LIST, 200,
                    role -> to("/api/v1/identifications?size=500").showing(R.verifying)),
            row(HOUSEHOLD, "GET /api/v1/identifications/{id}", by(CASEWORKER, SUPERVISOR), RECORD, 200,
                    role -> to("/api/v1/identifications/" + R.verifying)),
            row(HOUSEHOLD, "POST /api/v1/identifications/{id}/verification", by(CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/identifications/" + R.verifying + "/verification")
                            .body(Map.of("confirmed", true, "method", "VISIT", "findings", "授权矩阵测试：家访属实"))),
            row(HOUSEHOLD, "POST /api/v1/identifications/{id}/review", by(SUPERVISOR), RECORD, 200,
                    role -> to("/api/v1/identifications/" + R.reviewing + "/review").body(Map.of("approved", true,
                            "postingStartsOn", R.today.toString(), "postingEndsOn", R.today.plusDays(6).toString()))),
            row(HOUSEHOLD, "POST /api/v1/identifications/{id}/objections", by(CASEWORKER), RECORD, 201,
                    role -> to("/api/v1/identifications/" + R.posted + "/objections").body(Map.of("raisedBy", "居委会", "what", "授权矩阵测试"))),
            row(HOUSEHOLD, "POST /api/v1/identifications/{id}/objections/{objectionId}/resolution", by(SUPERVISOR), RECORD, 200,
                    role -> to("/api/v1/identifications/" + R.posted + "/objections/" + R.objection + "/resolution")
                            .body(Map.of("resolution", "DISMISSED", "note", "授权矩阵测试：经核实不成立"))),
            row(HOUSEHOLD, "POST /api/v1/identifications/{id}/posting-completion", by(CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/identifications/" + R.postingOver + "/posting-completion").body(Map.of())),
            row(HOUSEHOLD, "POST /api/v1/identifications/{id}/confirmation", by(SUPERVISOR), RECORD, 200,
                    role -> to("/api/v1/identifications/" + R.confirming + "/confirmation").body(Map.of("confirmed", true))),
            row(HOUSEHOLD, "POST /api/v1/households/{id}/contacts", by(CASEWORKER), RECORD, 201,
                    role -> to("/api/v1/households/" + R.household + "/contacts").body(Map.of("channel", "PHONE", "reached", true))),
            row(HOUSEHOLD, "GET /api/v1/households/{id}/contacts", by(CASEWORKER, SUPERVISOR), RECORD, 200,
                    role -> to("/api/v1/households/" + R.household + "/contacts")),
            row(HOUSEHOLD, "GET /api/v1/unmatched-reports", by(CASEWORKER), LIST, 200,
                    role -> to("/api/v1/unmatched-reports?size=500").showing(R.unmatchedReport)),
            // household-service README, "Identity across a city" (#18): a review needs another district's claim on the city's
            // topic; IdentityClaimsIT and CityIdentityIT make them and check their area (404 to another district).
            row(HOUSEHOLD, "GET /api/v1/duplicate-reviews", by(CASEWORKER, SUPERVISOR), LIST, 200,
                    role -> to("/api/v1/duplicate-reviews?size=500")),
            row(HOUSEHOLD, "GET /api/v1/duplicate-reviews/{id}", by(CASEWORKER, SUPERVISOR), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/duplicate-reviews/" + UUID.randomUUID()), DUPLICATE_REVIEW),
            row(HOUSEHOLD, "POST /api/v1/duplicate-reviews/{id}/resolution", by(CASEWORKER), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/duplicate-reviews/" + UUID.randomUUID() + "/resolution").body(Map.of()), DUPLICATE_REVIEW),
            row(HOUSEHOLD, "POST /api/v1/transfers", by(CASEWORKER), REFUSALS_ONLY, 201, role -> to("/api/v1/transfers").body(Map.of()),
                    TRANSFER),
            row(HOUSEHOLD, "GET /api/v1/transfers", by(CASEWORKER, SUPERVISOR), LIST, 200, role -> to("/api/v1/transfers?size=500")),
            row(HOUSEHOLD, "GET /api/v1/transfers/{id}", by(CASEWORKER, SUPERVISOR), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/transfers/" + UUID.randomUUID()), TRANSFER),
            row(HOUSEHOLD, "POST /api/v1/transfers/{id}/release", by(CASEWORKER), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/transfers/" + UUID.randomUUID() + "/release").body(Map.of()), TRANSFER),
            row(HOUSEHOLD, "POST /api/v1/transfers/{id}/refusal", by(CASEWORKER), REFUSALS_ONLY, 200,
                    role -> to("/api/v1/transfers/" + UUID.randomUUID() + "/refusal").body(Map.of()), TRANSFER),
            row(HOUSEHOLD, "POST /api/v1/labour-reports", by(PUBLISHER), CREATE, 202, role -> labourReport()),
            // household-service README, "National-ID keys and ciphers" (not in its endpoint table): an admin, for their own area.
            row(HOUSEHOLD, "GET /api/v1/admin/national-id-keys", by(ADMIN), LIST, 200,
                    role -> to("/api/v1/admin/national-id-keys").showing("\"area\":\"" + IN + "\"")),
            row(HOUSEHOLD, "POST /api/v1/admin/national-id-keys/rekey", by(ADMIN), LIST, 200,
                    role -> to("/api/v1/admin/national-id-keys/rekey?limit=1").showing("\"area\":\"" + IN + "\"")),

            // placement-service README, "Endpoints": placement-officer; case workers too for suggestions and offers made and read (#19).
            row(PLACEMENT, "POST /api/v1/posts", by(OFFICER), CREATE, 201, role -> to("/api/v1/posts").body(newPost("商场理货员"))),
            row(PLACEMENT, "GET /api/v1/posts", by(OFFICER), LIST, 200, role -> to("/api/v1/posts?size=500").showing(R.post)),
            row(PLACEMENT, "GET /api/v1/posts/{id}", by(OFFICER, CASEWORKER), RECORD, 200, role -> to("/api/v1/posts/" + R.post)),
            row(PLACEMENT, "PATCH /api/v1/posts/{id}", by(OFFICER), RECORD, 200,
                    role -> to("/api/v1/posts/" + R.post).body(Map.of("workingHours", "8:30-17:30"))),
            row(PLACEMENT, "POST /api/v1/posts/{id}/close", by(OFFICER), RECORD, 200, role -> to("/api/v1/posts/" + R.closingPost + "/close")),
            row(PLACEMENT, "GET /api/v1/candidates", by(OFFICER), LIST, 200, role -> to("/api/v1/candidates?size=500").showing(R.member)),
            row(PLACEMENT, "GET /api/v1/households/{householdId}/suggestions", by(OFFICER, CASEWORKER), RECORD, 200,
                    role -> to("/api/v1/households/" + R.household + "/suggestions")),
            // The body names a candidate of the caller's area: elsewhere it is not found.
            row(PLACEMENT, "POST /api/v1/offers", by(OFFICER, CASEWORKER), RECORD, 201,
                    role -> to("/api/v1/offers").body(Map.of("memberId", R.member, "postId", R.post))),
            row(PLACEMENT, "GET /api/v1/offers", by(OFFICER, CASEWORKER), LIST, 200, role -> to("/api/v1/offers?size=500").showing(R.offer)),
            row(PLACEMENT, "GET /api/v1/offers/{id}", by(OFFICER, CASEWORKER), RECORD, 200, role -> to("/api/v1/offers/" + R.offer)),
            row(PLACEMENT, "POST /api/v1/offers/{id}/decline", by(OFFICER), RECORD, 200,
                    role -> to("/api/v1/offers/" + R.declining + "/decline").body(Map.of("reason", "离家太远", "reasonable", true))),
            row(PLACEMENT, "POST /api/v1/offers/{id}/accept", by(OFFICER), RECORD, 201,
                    role -> to("/api/v1/offers/" + R.accepting + "/accept").body(Map.of())),
            row(PLACEMENT, "GET /api/v1/placements", by(OFFICER), LIST, 200, role -> to("/api/v1/placements?size=500").showing(R.placement)),
            row(PLACEMENT, "GET /api/v1/placements/{id}", by(OFFICER), RECORD, 200, role -> to("/api/v1/placements/" + R.placement)),
            row(PLACEMENT, "GET /api/v1/follow-ups/due", by(OFFICER), LIST, 200,
                    role -> to("/api/v1/follow-ups/due?by=" + R.today.plusYears(1)).showing(R.laterFollowUp)),
            row(PLACEMENT, "POST /api/v1/follow-ups/{id}", by(OFFICER), RECORD, 200,
                    role -> to("/api/v1/follow-ups/" + R.followUp).body(Map.of("result", "STILL_EMPLOYED"))),
            row(PLACEMENT, "POST /api/v1/placements/{id}/end", by(OFFICER), RECORD, 200,
                    role -> to("/api/v1/placements/" + R.placement + "/end").body(Map.of("reason", "合同到期"))),
            // placement-service README, "Endpoints", training (技能培训): placement-officer. Referrals name a candidate of the area.
            row(PLACEMENT, "POST /api/v1/courses", by(OFFICER), CREATE, 201, role -> to("/api/v1/courses").body(newCourse("育婴员培训"))),
            row(PLACEMENT, "GET /api/v1/courses", by(OFFICER), LIST, 200, role -> to("/api/v1/courses?size=500").showing(R.course)),
            row(PLACEMENT, "GET /api/v1/courses/{id}", by(OFFICER), RECORD, 200, role -> to("/api/v1/courses/" + R.course)),
            row(PLACEMENT, "POST /api/v1/training-referrals", by(OFFICER), RECORD, 201,
                    role -> to("/api/v1/training-referrals").body(Map.of("memberId", R.member, "courseId", R.course))),
            row(PLACEMENT, "GET /api/v1/training-referrals", by(OFFICER), LIST, 200,
                    role -> to("/api/v1/training-referrals?size=500").showing(R.referral)),
            row(PLACEMENT, "GET /api/v1/training-referrals/{id}", by(OFFICER), RECORD, 200,
                    role -> to("/api/v1/training-referrals/" + R.referral)),
            row(PLACEMENT, "POST /api/v1/training-referrals/{id}/attendance", by(OFFICER), RECORD, 200,
                    role -> to("/api/v1/training-referrals/" + R.attending + "/attendance").body(Map.of())),
            row(PLACEMENT, "POST /api/v1/training-referrals/{id}/completion", by(OFFICER), RECORD, 200,
                    role -> to("/api/v1/training-referrals/" + R.completing + "/completion").body(Map.of("outcome", "COMPLETED"))),

            // deadline-monitor README, "Endpoints".
            row(DEADLINE, "GET /api/v1/cases", by(SUPERVISOR, CASEWORKER), LIST, 200, role -> to("/api/v1/cases?size=500").showing(R.zeroCase)),
            row(DEADLINE, "GET /api/v1/cases/{id}", by(SUPERVISOR, CASEWORKER), RECORD, 200, role -> to("/api/v1/cases/" + R.zeroCase)),
            row(DEADLINE, "GET /api/v1/escalations", by(SUPERVISOR, CASEWORKER), LIST, 200,
                    role -> to("/api/v1/escalations?size=500").showing("\"id\":" + R.alertFor(role) + ",")),
            row(DEADLINE, "POST /api/v1/escalations/{id}/acknowledge", by(SUPERVISOR, CASEWORKER), ADDRESSEE, 200,
                    role -> to("/api/v1/escalations/" + R.alertFor(role) + "/acknowledge").body(Map.of("note", "已电话联系"))),
            row(DEADLINE, "GET /api/v1/policies", by(ADMIN), LIST, 200, role -> to("/api/v1/policies").showing("\"areaPrefix\":\"" + IN + "\"")),
            // The query names a district: outside the caller's area it is not found.
            row(DEADLINE, "GET /api/v1/policies/effective", by(ADMIN), RECORD, 200, role -> to("/api/v1/policies/effective?district=" + IN)),
            row(DEADLINE, "PUT /api/v1/policies/{areaPrefix}", by(ADMIN), CREATE, 200, role -> to("/api/v1/policies/" + IN).body(R.policy)),
            row(DEADLINE, "DELETE /api/v1/policies/{areaPrefix}", by(ADMIN), RECORD, 204, role -> to("/api/v1/policies/" + IN)),
            row(DEADLINE, "GET /api/v1/holidays", by(ADMIN), NONE, 200, role -> to("/api/v1/holidays?year=2026"),
                    "the State Council's calendar, one per deployment: no area's record"),
            row(DEADLINE, "GET /api/v1/holidays/coverage", by(ADMIN), NONE, 200, role -> to("/api/v1/holidays/coverage"),
                    "which years that calendar covers: no area's record"),
            // A listed day put back as it is, so the shared calendar does not change.
            row(DEADLINE, "PUT /api/v1/holidays/{day}", by(ADMIN), PROVINCE, 200,
                    role -> to("/api/v1/holidays/" + R.holiday).body(Map.of("kind", R.holidayKind))),
            row(DEADLINE, "POST /api/v1/webhooks", by(ADMIN), CREATE, 201, role -> to("/api/v1/webhooks").body(subscription())),
            row(DEADLINE, "GET /api/v1/webhooks", by(ADMIN), LIST, 200, role -> to("/api/v1/webhooks").showing(R.webhook)),
            row(DEADLINE, "GET /api/v1/webhooks/{id}/deliveries", by(ADMIN), RECORD, 200,
                    role -> to("/api/v1/webhooks/" + R.webhook + "/deliveries")),
            row(DEADLINE, "DELETE /api/v1/webhooks/{id}", by(ADMIN), RECORD, 204, role -> to("/api/v1/webhooks/" + R.webhook)),

            // reporting-service README, "Endpoints": the area parameter names what is read; outside yours it is not found.
            row(REPORTING, "GET /api/v1/reports/summary", by(OFFICIAL), RECORD, 200, role -> to("/api/v1/reports/summary?area=" + IN)),
            row(REPORTING, "GET /api/v1/reports/series", by(OFFICIAL), RECORD, 200, role -> to("/api/v1/reports/series?area=" + IN)),
            row(REPORTING, "GET /api/v1/reports/summary.csv", by(OFFICIAL), RECORD, 200,
                    role -> to("/api/v1/reports/summary.csv?area=" + IN)),
            row(REPORTING, "GET /api/v1/reports/summary.xlsx", by(OFFICIAL), RECORD, 200,
                    role -> to("/api/v1/reports/summary.xlsx?area=" + IN)),
            row(REPORTING, "GET /api/v1/reports/monthly", by(OFFICIAL), RECORD, 200,
                    role -> to("/api/v1/reports/monthly?month=" + java.time.YearMonth.from(R.today) + "&area=" + IN)),
            row(REPORTING, "GET /api/v1/reports/monthly.csv", by(OFFICIAL), RECORD, 200,
                    role -> to("/api/v1/reports/monthly.csv?month=" + java.time.YearMonth.from(R.today) + "&area=" + IN)),
            row(REPORTING, "GET /api/v1/reports/monthly.xlsx", by(OFFICIAL), RECORD, 200,
                    role -> to("/api/v1/reports/monthly.xlsx?month=" + java.time.YearMonth.from(R.today) + "&area=" + IN)),
            row(REPORTING, "POST /api/v1/admin/rebuild", by(ADMIN), REFUSALS_ONLY, 202, role -> to("/api/v1/admin/rebuild"),
                    "re-reads every topic into a new generation: too heavy for a shared suite (FuzzIT leaves it out too)"),
            row(REPORTING, "GET /api/v1/admin/rebuild", by(ADMIN), NONE, 200, role -> to("/api/v1/admin/rebuild"),
                    "the read model's generation and last rebuild: the deployment's state, no area's record"),

            // commons' test clock in every service (e2e README): admin, and only where wanjia.clock.adjustable (never prod).
            // Moving it is sent without a move (400, rule one-of), so the time the other tests share stays where it is.
            row(HOUSEHOLD, "GET /api/v1/clock", by(ADMIN), NONE, 200, role -> to("/api/v1/clock"), TEST_CLOCK),
            row(HOUSEHOLD, "POST /api/v1/clock", by(ADMIN), NONE, 400, role -> to("/api/v1/clock").body(Map.of()), TEST_CLOCK),
            row(PLACEMENT, "GET /api/v1/clock", by(ADMIN), NONE, 200, role -> to("/api/v1/clock"), TEST_CLOCK),
            row(PLACEMENT, "POST /api/v1/clock", by(ADMIN), NONE, 400, role -> to("/api/v1/clock").body(Map.of()), TEST_CLOCK),
            row(DEADLINE, "GET /api/v1/clock", by(ADMIN), NONE, 200, role -> to("/api/v1/clock"), TEST_CLOCK),
            row(DEADLINE, "POST /api/v1/clock", by(ADMIN), NONE, 400, role -> to("/api/v1/clock").body(Map.of()), TEST_CLOCK),
            row(REPORTING, "GET /api/v1/clock", by(ADMIN), NONE, 200, role -> to("/api/v1/clock"), TEST_CLOCK),
            row(REPORTING, "POST /api/v1/clock", by(ADMIN), NONE, 400, role -> to("/api/v1/clock").body(Map.of()), TEST_CLOCK));

    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void makeRecords() throws Exception {
        Platform.start();
        R.make();
    }

    @AfterAll
    static void stopSubscriptions() {
        // The CREATE row's subscription would otherwise wait for this district's breaches when later tests move the clock.
        for (JsonNode subscription : get(DEADLINE, "/api/v1/webhooks", ADMIN, IN)) {
            if (subscription.get("active").asBoolean()) {
                as(ADMIN, IN).delete(Platform.url(DEADLINE) + "/api/v1/webhooks/" + subscription.get("id").asText()).then().statusCode(204);
            }
        }
    }

    @Test
    void shouldHaveOneRowForEveryApiOperationOfTheFourServices() throws Exception {
        Set<String> documented = documentedOperations();
        List<String> rows = TABLE.stream().map(Row::key).toList();
        Set<String> tabled = new TreeSet<>(rows);

        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(tabled);
        Set<String> stale = new TreeSet<>(tabled);
        stale.removeAll(documented);

        assertThat(documented).as("/api operations in the OpenAPI documents").hasSizeGreaterThan(50);
        assertThat(rows).as("operations with more than one row").hasSameSizeAs(tabled);
        assertThat(missing).as("operations without a row in the table").isEmpty();
        assertThat(stale).as("rows naming an operation no OpenAPI document has").isEmpty();
    }

    @Test
    void shouldAnswerEveryRoleInsideAndOutsideItsAreaAsTheTableSays() throws Exception {
        Set<String> documented = documentedOperations();
        int requests = 0;
        for (Row row : TABLE) {
            if (documented.contains(row.key())) {
                requests += check(row);
            }
        }
        System.out.printf("matrix: %d operations, %d requests, %d failures%n", TABLE.size(), requests, failures.size());
        assertThat(failures).as("answers that differ from the table").isEmpty();
    }

    /** Sends one row's requests: no token, each refused role, then the allowed roles outside the area and in it; returns how many. */
    private int check(Row row) throws Exception {
        int sent = 0;
        Call any = row.call().apply(row.roles().get(0));
        expect(row, "no token", send(row, any, null), 401);
        sent++;
        for (String role : ROLES) {
            if (!row.roles().contains(role)) {
                expectProblem(row, role + "@" + IN, send(row, any, Platform.bearer(role, IN)), 403, null);
                sent++;
            }
        }
        if (row.area() == REFUSALS_ONLY) {
            report(row, "refusals only: " + row.why());
            return sent;
        }
        for (String role : row.roles()) {
            Call call = row.call().apply(role);
            // Outside first: a 404 then means "not yours", not "already gone" after the allowed call changed it.
            List<String> refusedAreas = row.area() == PROVINCE ? List.of(IN, OUTSIDE.get(0), OUTSIDE.get(1)) : OUTSIDE;
            for (String area : refusedAreas) {
                String who = role + "@" + area;
                HttpResponse<String> answer = send(row, call, Platform.bearer(role, area));
                sent++;
                switch (row.area()) {
                    case RECORD, ADDRESSEE -> expectProblem(row, who, answer, 404, null);
                    case CREATE, PROVINCE -> expectProblem(row, who, answer, 403, null);
                    case LIST -> {
                        expect(row, who, answer, 200);
                        for (String mark : concat(call.shows(), IN)) {
                            if (answer.body().contains(mark)) {
                                failures.add(row.key() + " as " + who + ": the answer shows " + mark + " of " + IN);
                            }
                        }
                    }
                    case NONE -> expect(row, who, answer, row.answer());
                    default -> throw new IllegalStateException(row.area().name());
                }
            }
            if (row.area() == ADDRESSEE) {
                // The other inbox's alert: a supervisor reads the case workers' (403, not theirs to silence); a case worker
                // does not read the supervisors' at all (404).
                Call others = row.call().apply(role.equals(SUPERVISOR) ? CASEWORKER : SUPERVISOR);
                HttpResponse<String> answer = send(row, others, Platform.bearer(role, IN));
                sent++;
                if (role.equals(SUPERVISOR)) {
                    expectProblem(row, role + "@" + IN + " on the case workers' alert", answer, 403, "addressee");
                } else {
                    expectProblem(row, role + "@" + IN + " on the supervisors' alert", answer, 404, null);
                }
            }
            String home = row.area() == PROVINCE ? "21" : IN;
            HttpResponse<String> answer = send(row, call, Platform.bearer(role, home));
            sent++;
            expect(row, role + "@" + home, answer, row.answer());
            if (row.area() == LIST) {
                for (String mark : call.shows()) {
                    if (!answer.body().contains(mark)) {
                        failures.add(row.key() + " as " + role + "@" + home + ": the list of the area lacks " + mark);
                    }
                }
            }
        }
        report(row, row.why() == null ? "" : row.why());
        return sent;
    }

    private void expect(Row row, String who, HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            failures.add(row.key() + " as " + who + ": expected " + status + ", got " + answer.statusCode() + " " + abbreviate(answer.body()));
        }
    }

    /** A refusal: the status, as problem details ({@code application/problem+json}), naming {@code rule} where given. */
    private void expectProblem(Row row, String who, HttpResponse<String> answer, int status, String rule) {
        expect(row, who, answer, status);
        if (answer.statusCode() == status && !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            failures.add(row.key() + " as " + who + ": " + status + " without problem details");
        }
        if (rule != null && answer.statusCode() == status && !answer.body().contains("\"rule\":\"" + rule + "\"")) {
            failures.add(row.key() + " as " + who + ": " + status + " without rule " + rule + ": " + abbreviate(answer.body()));
        }
    }

    private static void report(Row row, String note) {
        String refused = ROLES.stream().filter(r -> !row.roles().contains(r)).count() + " roles 403";
        System.out.printf("matrix: %-18s %-7s %-62s %-29s %-13s %s; %s%n", row.service(), row.method(), row.path(),
                String.join(",", row.roles()), row.area(), row.area() == REFUSALS_ONLY ? "-" : row.answer(), refused
                        + (note.isEmpty() ? "" : "; " + note));
    }

    // ------------------------------------------------------------------------------------------------ the table's parts

    /** One operation: who may call it, how the area bounds it, what an allowed caller of the area gets, the request by role. */
    record Row(String service, String method, String path, List<String> roles, Area area, int answer, Function<String, Call> call,
            String why) {

        String key() {
            return service + " " + method + " " + path;
        }
    }

    /** A request: path with ids and query, a JSON body or none, extra headers, and what the area's list must show. */
    record Call(String path, Object body, Map<String, String> headers, List<String> shows) {

        Call body(Object json) {
            return new Call(path, json, headers, shows);
        }

        Call headers(Map<String, String> more) {
            return new Call(path, body, more, shows);
        }

        Call showing(String... marks) {
            return new Call(path, body, headers, List.of(marks));
        }
    }

    private static Row row(String service, String operation, List<String> roles, Area area, int answer, Function<String, Call> call) {
        return row(service, operation, roles, area, answer, call, null);
    }

    private static Row row(String service, String operation, List<String> roles, Area area, int answer, Function<String, Call> call,
            String why) {
        String[] parts = operation.split(" ", 2);
        return new Row(service, parts[0], parts[1], roles, area, answer, call, why);
    }

    private static List<String> by(String... roles) {
        return List.of(roles);
    }

    private static Call to(String path) {
        return new Call(path, null, Map.of(), List.of());
    }

    private static String memberPath(String household, String member) {
        return "/api/v1/households/" + household + "/members/" + member;
    }

    private static Map<String, Object> newMember(String status) {
        LocalDate birth = R.today.minusYears(29).minusDays(40);
        return member(nationalId(IN, birth, false), birth, false, status);
    }

    private static Map<String, Object> newHousehold() {
        return householdOf(List.of(newMember("EMPLOYED_STABLE")));
    }

    private static Map<String, Object> householdOf(List<Map<String, Object>> members) {
        return Map.of("districtCode", IN, "street", "站前街道", "community", "站前社区", "address", "葫芦岛市连山区站前街1号",
                "cohort", "STANDARD", "members", members);
    }

    private static Map<String, Object> newPost(String title) {
        return Map.of("kind", "ENTERPRISE", "employer", "葫芦岛市人力资源服务中心", "districtCode", IN, "title", title,
                "monthlyWage", 3200, "openings", 5, "contractMonths", 12, "socialInsurancePaid", true, "skills", List.of("driving"));
    }

    /** A free course of the area, running from today for two months. */
    private static Map<String, Object> newCourse(String title) {
        return Map.of("districtCode", IN, "provider", "葫芦岛市职业技能培训中心", "title", title, "skill", "elderly-care",
                "startDate", R.today.toString(), "endDate", R.today.plusDays(60).toString(), "cost", "FREE");
    }

        private static Map<String, Object> subscription() {
        // Breaches only, in a district whose cases are young; port 9 (discard) would refuse a delivery anyway.
        return Map.of("url", "http://127.0.0.1:9/wanjia-alerts", "areaPrefix", IN, "minLevel", "CITY",
                "secret", "authorization-matrix-0123456789");
    }

    /** A report for someone not registered, as a publisher of the district sends it (202 ACCEPTED, kept as unmatched). */
    private static Call labourReport() {
        String nationalId = nationalId(IN, R.today.minusYears(37), true);
        return to("/api/v1/labour-reports").body(Map.of("nationalId", nationalId, "districtCode", IN, "occurredOn", R.today.toString(),
                "sourceRef", "MATRIX-" + UUID.randomUUID())).headers(Map.of("ce-specversion", "1.0", "ce-id", UUID.randomUUID().toString(),
                "ce-type", "wanjia.labour.unemployment-reported.v1", "ce-source", "/huludao/labour-bureau", "ce-time",
                Instant.now().toString()));
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    // ------------------------------------------------------------------------------------------------ records and requests

    /**
     * The records the rows name, made through the public APIs in {@link #IN} before the matrix runs. Each record a row
     * changes or removes is its own, so that rows do not depend on one another beyond the order the table states.
     */
    static final class Records {
        private static final java.util.concurrent.atomic.AtomicInteger IDENTIFIED = new java.util.concurrent.atomic.AtomicInteger();
        LocalDate today;
        /** Zero-employment on registration (both members unemployed): read, looked up, revealed, offered; its case. */
        String household, member, memberNationalId, secondMember, zeroCase;
        /** Members in work: one added, one changed, one removed. */
        String changing, changingMember, removedMember;
        /** Exits. */
        String leaving;
        /**
         * Identifications waiting at each step: verification, review, posting (with an open objection), a posting whose
         * period is over, confirmation (reviewed by another supervisor than the one the matrix sends).
         */
        String verifying, reviewing, posted, objection, postingOver, confirming;
        String unmatchedReport;
        String post, closingPost;
        /** Offers on the zero-employment household (read, declined) and on a placed one's member (accepted by the row). */
        String offer, declining, accepting;
        String placement, followUp, laterFollowUp;
        /**
         * A course (read, listed, referred to by its row) and referrals to another: one read and listed, one whose attendance
         * the row records, one attended whose completion the row records.
         */
        String course, referral, attending, completing;
        /** Alerts fired at once by reports dated back: day 10 to the case workers, day 18 to the district's supervisor. */
        long caseworkerAlert, supervisorAlert;
        JsonNode policy;
        String webhook, holiday, holidayKind;

        long alertFor(String role) {
            return role.equals(CASEWORKER) ? caseworkerAlert : supervisorAlert;
        }

        void make() throws Exception {
            today = Platform.now().atZone(SHANGHAI).toLocalDate();
            LocalDate a = today.minusYears(45), b = today.minusYears(43);
            memberNationalId = nationalId(IN, a, true);
            JsonNode zero = register(IN, List.of(member(memberNationalId, a, true, "UNEMPLOYED"), member(nationalId(IN, b, false), b, false,
                    "UNEMPLOYED")));
            household = zero.get("id").asText();
            member = memberBorn(zero, a);
            secondMember = memberBorn(zero, b);

            LocalDate c = today.minusYears(39);
            JsonNode placed = register(IN, List.of(member(nationalId(IN, c, false), c, false, "UNEMPLOYED")));
            String placedMember = memberBorn(placed, c);

            LocalDate d = today.minusYears(50), e = today.minusYears(48);
            JsonNode twoInWork = register(IN, List.of(member(nationalId(IN, d, true), d, true, "EMPLOYED_STABLE"),
                    member(nationalId(IN, e, false), e, false, "EMPLOYED_STABLE")));
            changing = twoInWork.get("id").asText();
            changingMember = memberBorn(twoInWork, d);
            removedMember = memberBorn(twoInWork, e);
            LocalDate f = today.minusYears(52);
            leaving = register(IN, List.of(member(nationalId(IN, f, true), f, true, "EMPLOYED_STABLE"))).get("id").asText();

            makeIdentifications();
            String dayTen = lateReport(9), dayEighteen = lateReport(17);
            unmatchedReport = UUID.randomUUID().toString();
            Households.reportByHttp("unemployment", nationalId(IN, today.minusYears(33), false), IN, today, unmatchedReport);

            post = create(PLACEMENT, "/api/v1/posts", OFFICER, newPost("物流配送员"));
            closingPost = create(PLACEMENT, "/api/v1/posts", OFFICER, newPost("仓库保管员"));
            for (String h : List.of(household, placed.get("id").asText())) {
                await("candidates of " + h).atMost(WAIT).until(() -> as(OFFICER, IN)
                        .get(Platform.url(PLACEMENT) + "/api/v1/households/" + h + "/suggestions").statusCode() == 200);
            }
            offer = create(PLACEMENT, "/api/v1/offers", OFFICER, Map.of("memberId", member, "postId", post));
            declining = create(PLACEMENT, "/api/v1/offers", OFFICER, Map.of("memberId", secondMember, "postId", post));
            accepting = create(PLACEMENT, "/api/v1/offers", OFFICER, Map.of("memberId", placedMember, "postId", post));
            String placedOffer = create(PLACEMENT, "/api/v1/offers", OFFICER, Map.of("memberId", placedMember, "postId", post));
            placement = create(PLACEMENT, "/api/v1/offers/" + placedOffer + "/accept", OFFICER, Map.of());
            List<JsonNode> visits = new ArrayList<>();
            get(PLACEMENT, "/api/v1/follow-ups/due?by=" + today.plusYears(1), OFFICER, IN).forEach(v -> {
                if (v.get("placementId").asText().equals(placement)) {
                    visits.add(v);
                }
            });
            assertThat(visits).as("follow-up visits of the placement").hasSizeGreaterThanOrEqualTo(2);
            followUp = visits.get(0).get("id").asText();
            laterFollowUp = visits.get(visits.size() - 1).get("id").asText();

            course = create(PLACEMENT, "/api/v1/courses", OFFICER, newCourse("养老护理员培训"));
            String otherCourse = create(PLACEMENT, "/api/v1/courses", OFFICER, newCourse("家政服务员培训"));
            referral = create(PLACEMENT, "/api/v1/training-referrals", OFFICER, Map.of("memberId", secondMember, "courseId", course));
            attending = create(PLACEMENT, "/api/v1/training-referrals", OFFICER, Map.of("memberId", member, "courseId", otherCourse));
            completing = create(PLACEMENT, "/api/v1/training-referrals", OFFICER, Map.of("memberId", secondMember, "courseId", otherCourse));
            as(OFFICER, IN).body(Households.write(Map.of())).post(Platform.url(PLACEMENT) + "/api/v1/training-referrals/" + completing
                    + "/attendance").then().statusCode(200);

            zeroCase = await("the case of " + household).atMost(WAIT).until(() -> find(get(DEADLINE, "/api/v1/cases?size=500", SUPERVISOR, IN)
                    .get("items"), Map.of("householdId", household)), java.util.Objects::nonNull).get("id").asText();
            caseworkerAlert = alert(dayTen, "COMMUNITY");
            supervisorAlert = alert(dayEighteen, "DISTRICT");

            ObjectNode standard = (ObjectNode) get(DEADLINE, "/api/v1/policies/effective?district=" + IN, ADMIN, IN);
            standard.remove("areaPrefix");
            policy = standard;
            as(ADMIN, IN).body(Households.write(policy)).put(Platform.url(DEADLINE) + "/api/v1/policies/" + IN).then().statusCode(200);
            webhook = create(DEADLINE, "/api/v1/webhooks", ADMIN, subscription());
            Iterator<Map.Entry<String, JsonNode>> days = get(DEADLINE, "/api/v1/holidays?year=2026", ADMIN, "21").fields();
            Map.Entry<String, JsonNode> listed = days.next();
            holiday = listed.getKey();
            holidayKind = listed.getValue().asText();
        }

        /**
         * A household whose second member is reported out of work {@code daysAgo} days back, so that its case opens on a
         * later day with that day's step fired at once (the clock is shared and never moved here); returns its id.
         */
        private void makeIdentifications() {
            verifying = identification(today);
            reviewing = identification(today);
            step(reviewing, "verification", CASEWORKER, Map.of("confirmed", true, "method", "PHONE", "findings", "属实"));
            posted = identification(today);
            step(posted, "verification", CASEWORKER, Map.of("confirmed", true, "method", "PHONE", "findings", "属实"));
            step(posted, "review", SUPERVISOR, Map.of("approved", true, "postingStartsOn", today.toString(),
                    "postingEndsOn", today.plusDays(6).toString()));
            objection = Households.json(as(CASEWORKER, IN).body(Households.write(Map.of("raisedBy", "邻居", "what", "有人在外打工")))
                    .post(Platform.url(HOUSEHOLD) + "/api/v1/identifications/" + posted + "/objections").then().statusCode(201).extract()
                    .asString()).get("objections").get(0).get("id").asText();
            postingOver = identification(today.minusDays(20));
            confirming = identification(today.minusDays(20));
            for (String id : List.of(postingOver, confirming)) {
                step(id, "verification", CASEWORKER, Map.of("confirmed", true, "method", "VISIT", "on", today.minusDays(18).toString(),
                        "findings", "属实"));
                step(id, "review", SUPERVISOR, Map.of("approved", true, "on", today.minusDays(16).toString(),
                        "postingStartsOn", today.minusDays(15).toString(), "postingEndsOn", today.minusDays(10).toString()));
            }
            step(confirming, "posting-completion", CASEWORKER, Map.of());
        }

        /** A household of the area zero-employment since {@code since}: its identification, opened by monitoring. */
        private String identification(LocalDate since) {
            LocalDate born = today.minusYears(36).minusDays(IDENTIFIED.incrementAndGet());
            String nationalId = nationalId(IN, born, true);
            String household = register(IN, List.of(member(nationalId, born, true, since.equals(today) ? "UNEMPLOYED" : "EMPLOYED_STABLE")))
                    .get("id").asText();
            if (!since.equals(today)) {
                Households.reportByHttp("unemployment", nationalId, IN, since, UUID.randomUUID().toString());
            }
            return get(HOUSEHOLD, "/api/v1/households/" + household + "/identifications", CASEWORKER, IN).get(0).get("id").asText();
        }

        /** A step taken before the matrix runs; a review by the street office's own supervisor, not the one the matrix sends. */
        private static void step(String identification, String step, String role, Map<String, Object> body) {
            String bearer = role.equals(SUPERVISOR) ? Platform.bearer(role, IN, "e2e-street-reviewer-" + IN) : Platform.bearer(role, IN);
            io.restassured.RestAssured.given().header("Authorization", bearer).contentType("application/json").body(Households.write(body))
                    .post(Platform.url(HOUSEHOLD) + "/api/v1/identifications/" + identification + "/" + step).then().statusCode(200);
        }

        private String lateReport(int daysAgo) {
            LocalDate head = today.minusYears(41).minusDays(daysAgo), other = today.minusYears(40).minusDays(daysAgo);
            String reported = nationalId(IN, other, false);
            String id = register(IN, List.of(member(nationalId(IN, head, true), head, true, "UNEMPLOYED"),
                    member(reported, other, false, "EMPLOYED_STABLE"))).get("id").asText();
            Households.reportByHttp("unemployment", reported, IN, today.minusDays(daysAgo), UUID.randomUUID().toString());
            return id;
        }

        private long alert(String household, String level) {
            return await(level + " alert of " + household).atMost(WAIT).until(() -> find(get(DEADLINE, "/api/v1/escalations?size=500",
                    SUPERVISOR, IN).get("items"), Map.of("householdId", household, "level", level)), java.util.Objects::nonNull)
                    .get("id").asLong();
        }

        private static JsonNode find(JsonNode items, Map<String, String> fields) {
            for (JsonNode item : items) {
                if (fields.entrySet().stream().allMatch(f -> item.path(f.getKey()).asText().equals(f.getValue()))) {
                    return item;
                }
            }
            return null;
        }

        private static String memberBorn(JsonNode household, LocalDate birth) {
            for (JsonNode m : household.get("members")) {
                if (m.get("birthDate").asText().equals(birth.toString())) {
                    return m.get("id").asText();
                }
            }
            throw new AssertionError("no member born " + birth);
        }

        private static String create(String service, String path, String role, Object body) {
            return Households.json(as(role, IN).body(Households.write(body)).post(Platform.url(service) + path).then().statusCode(201)
                    .extract().asString()).get("id").asText();
        }
    }

    /** Every {@code /api} operation the four services' OpenAPI documents describe, as "service METHOD path". */
    private static Set<String> documentedOperations() throws Exception {
        Set<String> operations = new TreeSet<>();
        for (String service : Platform.PORTS.keySet()) {
            JsonNode openapi = Households.json(HTTP.send(HttpRequest.newBuilder(URI.create(Platform.url(service) + "/q/openapi?format=json"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            openapi.path("paths").fields().forEachRemaining(path -> {
                if (path.getKey().startsWith("/api/")) {
                    path.getValue().fieldNames().forEachRemaining(method -> {
                        if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                            operations.add(service + " " + method.toUpperCase() + " " + path.getKey());
                        }
                    });
                }
            });
        }
        return operations;
    }

    private static HttpResponse<String> send(Row row, Call call, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Platform.url(row.service()) + call.path()))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        call.headers().forEach(request::header);
        if (call.body() == null) {
            request.method(row.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(row.method(),
                    HttpRequest.BodyPublishers.ofString(Households.write(call.body())));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
