package io.wanjia.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.wanjia.contracts.escalation.CaseClosed;
import io.wanjia.contracts.escalation.CaseEscalated;
import io.wanjia.contracts.escalation.CaseClockStarted;
import io.wanjia.contracts.escalation.CaseOpened;
import io.wanjia.contracts.escalation.DeadlineBreached;
import io.wanjia.contracts.household.Candidate;
import io.wanjia.contracts.household.GraduateRegistered;
import io.wanjia.contracts.household.HouseholdExited;
import io.wanjia.contracts.household.HouseholdRegistered;
import io.wanjia.contracts.household.IdentificationConfirmed;
import io.wanjia.contracts.household.IdentificationOpened;
import io.wanjia.contracts.household.IdentificationRejected;
import io.wanjia.contracts.household.IdentificationStepCompleted;
import io.wanjia.contracts.household.LabourReportsReceived;
import io.wanjia.contracts.household.MemberChanged;
import io.wanjia.contracts.household.MemberSummary;
import io.wanjia.contracts.household.ZeroEmploymentEnded;
import io.wanjia.contracts.household.ZeroEmploymentStarted;
import io.wanjia.contracts.identity.IdentityClaimed;
import io.wanjia.contracts.identity.IdentityReleased;
import io.wanjia.contracts.transfer.TransferCompleted;
import io.wanjia.contracts.transfer.TransferFailed;
import io.wanjia.contracts.transfer.TransferRefused;
import io.wanjia.contracts.transfer.TransferReleased;
import io.wanjia.contracts.transfer.TransferRequested;
import io.wanjia.contracts.labour.EmploymentReported;
import io.wanjia.contracts.labour.UnemploymentReported;
import io.wanjia.contracts.placement.MemberPlaced;
import io.wanjia.contracts.placement.OfferDeclined;
import io.wanjia.contracts.placement.OfferMade;
import io.wanjia.contracts.placement.PlacementEnded;
import io.wanjia.contracts.placement.TrainingCompleted;
import io.wanjia.contracts.placement.TrainingReferred;

/** Example events of every catalogue type validate against their schemas, and the schemas refuse what they must. */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final UUID HOUSEHOLD = UUID.fromString("7d1f1c1e-5b7a-4c55-9d1e-1b2a3c4d5e6f");
    private static final UUID MEMBER = UUID.fromString("0f5e2d3c-4b5a-4978-8a9b-cdef01234567");
    private static final UUID IDENTIFICATION = UUID.fromString("2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819");
    private static final UUID POST = UUID.fromString("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d");
    private static final UUID COURSE = UUID.fromString("3c4d5e6f-7081-4a92-b3c4-d5e6f7081920");
    private static final UUID REFERRAL = UUID.fromString("4d5e6f70-8192-4aa3-94d5-e6f708192a3b");
    private static final UUID TRANSFER = UUID.fromString("5e6f7081-92a3-4bb4-a5e6-f708192a3b4c");
    private static final LocalDate DAY = LocalDate.of(2006, 3, 1);
    private static final String HASH = "9f2c".repeat(16);
    private static final Instant DUE = Instant.parse("2006-03-10T16:00:00Z");

    /** One realistic example per catalogue entry. */
    static final Map<EventType, Record> EXAMPLES = Map.ofEntries(
            Map.entry(EventType.UNEMPLOYMENT_REPORTED,
                    new UnemploymentReported("21010219800101123X", "210102", DAY, "enterprise closed", "SY-LAYOFF-0042")),
            Map.entry(EventType.EMPLOYMENT_REPORTED,
                    new EmploymentReported("21010219800101123X", "210102", DAY, JobKind.ENTERPRISE, "沈阳机床厂", 12,
                            new BigDecimal("1200.00"), true, false, "SI-2006-77")),
            Map.entry(EventType.HOUSEHOLD_REGISTERED, new HouseholdRegistered(HOUSEHOLD, "210102", "STANDARD", DAY,
                    List.of(new MemberSummary(MEMBER, 45, Gender.MALE, "UNEMPLOYED", true)))),
            Map.entry(EventType.MEMBER_CHANGED, new MemberChanged(HOUSEHOLD, "210102",
                    new MemberSummary(MEMBER, 45, Gender.MALE, "EMPLOYED_STABLE", true), "CHANGED", "LABOUR_REPORT", DAY)),
            Map.entry(EventType.ZERO_EMPLOYMENT_STARTED, new ZeroEmploymentStarted(HOUSEHOLD, "210102", DAY, "STANDARD",
                    List.of(new Candidate(MEMBER, 45, Gender.MALE, "JUNIOR_MIDDLE", List.of("welding"))))),
            Map.entry(EventType.ZERO_EMPLOYMENT_ENDED,
                    new ZeroEmploymentEnded(HOUSEHOLD, "210102", ZeroEmploymentEnded.Reason.PLACED, DAY.plusDays(11), DAY.plusDays(12),
                            "PUBLIC_WELFARE")),
            Map.entry(EventType.LABOUR_REPORTS_RECEIVED, new LabourReportsReceived(List.of(
                    new LabourReportsReceived.Count("210102", LabourReportsReceived.Kind.UNEMPLOYMENT, DAY, 17),
                    new LabourReportsReceived.Count("210100", LabourReportsReceived.Kind.EMPLOYMENT, DAY.minusDays(1), 2)))),
            Map.entry(EventType.IDENTIFICATION_OPENED, new IdentificationOpened(IDENTIFICATION, HOUSEHOLD, "210102",
                    IdentificationOpened.Source.DECLARATION, DAY, false, "A_MEMBER_IN_STABLE_WORK")),
            Map.entry(EventType.IDENTIFICATION_STEP_COMPLETED, new IdentificationStepCompleted(IDENTIFICATION, HOUSEHOLD, "210102",
                    "REVIEW", "REVIEW_APPROVED", "POSTING", DAY.plusDays(4), DAY.plusDays(11))),
            Map.entry(EventType.IDENTIFICATION_CONFIRMED, new IdentificationConfirmed(IDENTIFICATION, HOUSEHOLD, "210102", DAY.plusDays(14),
                    "210102-2006-00042")),
            Map.entry(EventType.IDENTIFICATION_REJECTED, new IdentificationRejected(IDENTIFICATION, HOUSEHOLD, "210102", "POSTING",
                    "OBJECTION_UPHELD_REJECTED", DAY.plusDays(9))),
            Map.entry(EventType.GRADUATE_REGISTERED, new GraduateRegistered(HOUSEHOLD, "210102", MEMBER, DAY.minusMonths(8), DAY,
                    "GRADUATE_FAMILY", List.of(GraduateRegistered.Ground.MINIMUM_LIVING_ALLOWANCE))),
            Map.entry(EventType.IDENTITY_CLAIMED, new IdentityClaimed("k1", HASH, "210102", "210102", MEMBER)),
            Map.entry(EventType.IDENTITY_RELEASED, new IdentityReleased("k1", HASH, "210102", "210102", MEMBER, "MEMBER_REMOVED")),
            Map.entry(EventType.HOUSEHOLD_EXITED, new HouseholdExited(HOUSEHOLD, "210102", "REFUSED_OFFERS", DAY.plusDays(40))),
            Map.entry(EventType.TRANSFER_REQUESTED, new TransferRequested(TRANSFER, "210102", "210102", "210103", "210103",
                    List.of(new TransferRequested.Person(MEMBER, "k1", HASH)), DAY)),
            Map.entry(EventType.TRANSFER_RELEASED, new TransferReleased(TRANSFER, "210102", "210102", "210103", "210103", HOUSEHOLD,
                    DAY.plusDays(1), "STANDARD", null, false, DAY.minusDays(11), null, List.of(new TransferReleased.Member(MEMBER, "k1",
                    HASH, "HEAD", "SENIOR_MIDDLE", List.of("cleaning"), "FULL", true, "WORKER", "UNEMPLOYED", DAY.minusDays(11), false,
                    null, null)))),
            Map.entry(EventType.TRANSFER_REFUSED, new TransferRefused(TRANSFER, "210102", "210102", "210103", "210103",
                    TransferRefused.Reason.MEMBERS_DIFFER, DAY)),
            Map.entry(EventType.TRANSFER_COMPLETED, new TransferCompleted(TRANSFER, "210102", "210102", "210103", "210103", DAY)),
            Map.entry(EventType.TRANSFER_FAILED, new TransferFailed(TRANSFER, "210102", "210102", "210103", "210103",
                    TransferFailed.Reason.REGISTERED_HERE, DAY)),
            Map.entry(EventType.OFFER_MADE, new OfferMade(UUID.randomUUID(), HOUSEHOLD, "210102", MEMBER, POST,
                    JobKind.PUBLIC_WELFARE, "和平区社区服务中心", new BigDecimal("600"), DAY)),
            Map.entry(EventType.OFFER_DECLINED, new OfferDeclined(UUID.randomUUID(), HOUSEHOLD, "210102", MEMBER, POST,
                    "too far", false, 1, DAY)),
            Map.entry(EventType.MEMBER_PLACED, new MemberPlaced(UUID.randomUUID(), HOUSEHOLD, "210102", MEMBER, POST,
                    JobKind.PUBLIC_WELFARE, "和平区社区服务中心", DAY, new BigDecimal("900"), 12, true, false, new BigDecimal("600"),
                    new BigDecimal("280.50"))),
            Map.entry(EventType.PLACEMENT_ENDED,
                    new PlacementEnded(UUID.randomUUID(), HOUSEHOLD, "210102", MEMBER, DAY.plusMonths(2), "left")),
            Map.entry(EventType.TRAINING_REFERRED, new TrainingReferred(REFERRAL, HOUSEHOLD, "210102", MEMBER, COURSE, "elderly-care",
                    DAY.plusDays(7), DAY.plusDays(37), DAY)),
            Map.entry(EventType.TRAINING_COMPLETED, new TrainingCompleted(REFERRAL, HOUSEHOLD, "210102", MEMBER, COURSE, "elderly-care",
                    TrainingCompleted.Outcome.COMPLETED, DAY.plusDays(7), DAY.plusDays(37))),
            Map.entry(EventType.CASE_OPENED,
                    new CaseOpened(UUID.randomUUID(), HOUSEHOLD, "210102", DAY, DUE, 20, "CALENDAR", "STANDARD", DAY)),
            Map.entry(EventType.CASE_CLOCK_STARTED,
                    new CaseClockStarted(UUID.randomUUID(), HOUSEHOLD, "210102", DAY.plusDays(14), DUE.plusSeconds(14 * 86_400), 20, "CALENDAR")),
            Map.entry(EventType.CASE_ESCALATED, new CaseEscalated(UUID.randomUUID(), HOUSEHOLD, "210102", 0, "COMMUNITY",
                    10, "caseworker", "210102", DUE)),
            Map.entry(EventType.DEADLINE_BREACHED, new DeadlineBreached(UUID.randomUUID(), HOUSEHOLD, "210102", 21, 0,
                    "CITY", "supervisor", "2101", DUE)),
            Map.entry(EventType.CASE_CLOSED,
                    new CaseClosed(UUID.randomUUID(), HOUSEHOLD, "210102", "MET", DAY.plusDays(11), 12, null, "PUBLIC_WELFARE")));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldValidateTheExampleOfEveryEventType(EventType type) throws IOException {
        Record example = EXAMPLES.get(type);
        assertThat(example).as("an example for %s", type).isNotNull();
        assertThat(EventType.of(example)).isEqualTo(type);

        assertThat(errors(type, JSON.valueToTree(example))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRefuseAnEventWithARequiredFieldMissing(EventType type) throws IOException {
        ObjectNode json = JSON.valueToTree(EXAMPLES.get(type));
        ObjectNode holder = type == EventType.LABOUR_REPORTS_RECEIVED ? (ObjectNode) json.withArray("counts").get(0) : json;
        // A transfer names two districts: the one it moves from and the one it moves to.
        String field = type.topic().equals(Topics.HOUSEHOLD_TRANSFERS) ? "toDistrictCode" : "districtCode";
        holder.remove(field);

        assertThat(errors(type, json)).anyMatch(m -> m.contains(field));
    }

    @Test
    void shouldRefuseANationalIdOnAZeroEmploymentEvent() throws IOException {
        ObjectNode json = JSON.valueToTree(EXAMPLES.get(EventType.ZERO_EMPLOYMENT_STARTED));
        ((ObjectNode) json.withArray("candidates").get(0)).put("nationalId", "21010219800101123X");

        assertThat(errors(EventType.ZERO_EMPLOYMENT_STARTED, json)).anyMatch(m -> m.contains("nationalId"));
    }

    @Test
    void shouldRefuseANameOrNationalIdOnATrainingEvent() throws IOException {
        for (EventType type : List.of(EventType.TRAINING_REFERRED, EventType.TRAINING_COMPLETED)) {
            ObjectNode json = JSON.valueToTree(EXAMPLES.get(type));
            json.put("nationalId", "21010219800101123X").put("name", "张三");

            assertThat(errors(type, json)).anyMatch(m -> m.contains("nationalId")).anyMatch(m -> m.contains("name"));
        }
    }

    @Test
    void shouldRefuseANameOrNationalIdOnAGraduateRegistered() throws IOException {
        ObjectNode json = JSON.valueToTree(EXAMPLES.get(EventType.GRADUATE_REGISTERED));
        json.put("nationalId", "21010219800101123X").put("name", "张三");

        assertThat(errors(EventType.GRADUATE_REGISTERED, json)).anyMatch(m -> m.contains("nationalId")).anyMatch(m -> m.contains("name"));
    }

    @Test
    void shouldAcceptAGraduateCaseButNotAnUnknownTarget() throws IOException {
        ObjectNode json = JSON.valueToTree(new CaseOpened(UUID.randomUUID(), HOUSEHOLD, "210102", DAY, DUE.plusSeconds(50 * 86_400), 60,
                "CALENDAR", "GRADUATE_FAMILY", DAY, "GRADUATE", MEMBER));
        assertThat(errors(EventType.CASE_OPENED, json)).isEmpty();

        json.put("target", "GRADUATION");
        assertThat(errors(EventType.CASE_OPENED, json)).anyMatch(m -> m.contains("target"));
    }

    @Test
    void shouldAcceptADropOutWithoutAttendanceButNotAnUnknownOutcome() throws IOException {
        ObjectNode json = JSON.valueToTree(new TrainingCompleted(REFERRAL, HOUSEHOLD, "210102", MEMBER, COURSE, "elderly-care",
                TrainingCompleted.Outcome.DROPPED_OUT, null, DAY.plusDays(3)));
        assertThat(errors(EventType.TRAINING_COMPLETED, json)).isEmpty();

        json.put("outcome", "PASSED");
        assertThat(errors(EventType.TRAINING_COMPLETED, json)).anyMatch(m -> m.contains("outcome"));
    }

    @Test
    void shouldRefuseATransferThatCarriesANameBirthDateOrNationalId() throws IOException {
        for (String field : List.of("name", "birthDate", "gender", "nationalId")) {
            ObjectNode json = JSON.valueToTree(EXAMPLES.get(EventType.TRANSFER_RELEASED));
            ((ObjectNode) json.get("members").get(0)).put(field, "21010219800101123X");
            assertThat(errors(EventType.TRANSFER_RELEASED, json)).as(field).anyMatch(m -> m.contains(field));
        }
        ObjectNode json = JSON.valueToTree(EXAMPLES.get(EventType.TRANSFER_REQUESTED));
        ((ObjectNode) json.get("members").get(0)).put("hash", "21010219800101123X");
        assertThat(errors(EventType.TRANSFER_REQUESTED, json)).anyMatch(m -> m.contains("hash"));
    }

    @Test
    void shouldRefuseAClaimThatCarriesANationalIdInsteadOfItsKeyedHash() throws IOException {
        ObjectNode json = JSON.valueToTree(EXAMPLES.get(EventType.IDENTITY_CLAIMED));
        json.put("hash", "21010219800101123X");
        assertThat(errors(EventType.IDENTITY_CLAIMED, json)).anyMatch(m -> m.contains("hash"));

        json = JSON.valueToTree(EXAMPLES.get(EventType.IDENTITY_CLAIMED));
        json.put("nationalId", "21010219800101123X");
        assertThat(errors(EventType.IDENTITY_CLAIMED, json)).anyMatch(m -> m.contains("nationalId"));
    }

    @Test
    void shouldNameTheClaimsAndTransfersTheOnlyTopicsSharedByACity() {
        assertThat(java.util.Arrays.stream(EventType.values()).filter(t -> Topics.cityWide(t.topic())))
                .containsExactly(EventType.IDENTITY_CLAIMED, EventType.IDENTITY_RELEASED, EventType.TRANSFER_REQUESTED,
                        EventType.TRANSFER_RELEASED, EventType.TRANSFER_REFUSED, EventType.TRANSFER_COMPLETED,
                        EventType.TRANSFER_FAILED);
    }

    @Test
    void shouldRefuseADistrictCodeThatIsNotSixDigits() throws IOException {
        ObjectNode json = JSON.valueToTree(EXAMPLES.get(EventType.CASE_CLOSED));
        json.put("districtCode", "2101");

        assertThat(errors(EventType.CASE_CLOSED, json)).anyMatch(m -> m.contains("districtCode"));
    }

    @Test
    void shouldListEveryEventTypeAndTopicInTheAsyncApiDocument() throws IOException {
        String asyncApi;
        try (InputStream in = resource("asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> topics = java.util.Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());

        assertThat(topics).allSatisfy(topic -> assertThat(asyncApi).contains("address: " + topic));
        assertThat(EventType.values()).allSatisfy(type -> assertThat(asyncApi).contains("name: " + type.type())
                .contains("'" + type.schemaResource() + "'"));
    }

    private static List<String> errors(EventType type, com.fasterxml.jackson.databind.JsonNode json) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = resource(type.schemaResource())) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            return schema.validate(json).stream().map(ValidationMessage::getMessage).toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EventSchemasTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("class-path resource %s", name).isNotNull();
        return in;
    }
}
