package io.wanjia.household;

import static io.restassured.RestAssured.given;
import static io.wanjia.household.Fixtures.HEPING;
import static io.wanjia.household.Fixtures.SHENHE;
import static io.wanjia.household.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.wanjia.commons.testing.Tokens;
import io.wanjia.household.domain.LedgerColumn;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.NationalIds;
import io.wanjia.household.service.NationalIdVault;

/**
 * Bulk import of a city's ledger (#18) against the real database and Kafka: a file of 1,000 rows with 3 bad ones, all or
 * nothing and valid rows only, the same file again, an XLSX, the template, another area's case worker, bad uploads.
 */
@QuarkusTest
class LedgerImportIT extends WatchingHouseholdEvents {

    private static final String SHENYANG = "2101";
    private static final List<String> HEADERS = List.of(LedgerColumn.values()).stream().map(LedgerColumn::chinese).toList();
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @Inject
    EntityManager em;
    @Inject
    NationalIdVault vault;

    /** A ledger as a city keeps it: its rows (header first) and which rows were made bad, with their column and rule. */
    record Ledger(List<List<String>> rows, String community, int households, List<String> badRows) {

        byte[] csv() {
            return rows.stream().map(r -> r.stream().map(LedgerImportIT::csvCell).collect(Collectors.joining(",")))
                    .collect(Collectors.joining("\r\n", "\uFEFF", "\r\n")).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code memberRows} rows of households of one, two and three members in turn, in Heping and Shenhe; rows
     * {@code bad} (each the only row of its household) get a wrong check digit, a gender the ID denies, a relation
     * that is no relation.
     */
    static Ledger ledger(int memberRows, boolean withBadRows) {
        String community = "导入社区-" + UUID.randomUUID().toString().substring(0, 8);
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        List<String> bad = new ArrayList<>();
        LocalDate birth = LocalDate.of(1966, 1, 1).plusDays((long) (Math.random() * 500));
        int household = 0;
        int row = 0;
        while (row < memberRows) {
            household++;
            int size = Math.min(1 + household % 3, memberRows - row);
            for (int m = 0; m < size; m++) {
                row++;
                birth = birth.plusDays(5);
                boolean male = m % 2 == 0;
                String id = NationalIds.of(household % 2 == 0 ? HEPING : SHENHE, birth, male);
                List<String> cells = new ArrayList<>();
                for (LedgerColumn column : LedgerColumn.values()) {
                    cells.add(switch (column) {
                        case HOUSEHOLD_REF -> "HH-" + household;
                        case DISTRICT_CODE -> household % 2 == 0 ? HEPING : SHENHE;
                        case STREET -> "南市场街道";
                        case COMMUNITY -> community;
                        case ADDRESS -> "民主街" + household + "号";
                        case COHORT -> household % 5 == 0 ? "SHANTYTOWN_RELOCATION" : "一般";
                        case MOVED_BACK_ON -> household % 5 == 0 ? "2024-03-01" : "";
                        case NAME -> male ? "王建国" : "李秀英";
                        case NATIONAL_ID -> id;
                        case RELATION -> m == 0 ? "户主" : "配偶";
                        case BIRTH_DATE -> birth.toString();
                        case GENDER -> male ? "男" : "女";
                        case EDUCATION -> "初中";
                        case SKILLS -> "电焊、驾驶";
                        case LABOUR_CAPACITY -> "完全";
                        case WILLING_TO_WORK -> "是";
                        case OCCUPATION_CATEGORY -> "工人";
                        case STATUS -> m == 1 ? "稳定就业" : "失业";
                        case STATUS_SINCE -> "";
                        case BUSINESS_INCOME -> "否";
                        // the first household is on 低保, its head a graduate (long ago: not a recent one)
                        case MINIMUM_LIVING_ALLOWANCE -> household == 1 ? "是" : "";
                        case GRADUATED_ON -> household == 1 && m == 0 ? birth.plusYears(19).toString() : "";
                    });
                }
                rows.add(cells);
            }
        }
        if (withBadRows) {
            // single-member households (household numbers 3, 6, 9, ... have one member): rows of three of them
            int[] which = {0, 0, 0};
            int found = 0;
            for (int r = 1; r < rows.size() && found < 3; r++) {
                String ref = rows.get(r).get(0);
                int n = Integer.parseInt(ref.substring(3));
                if (n % 3 == 0 && n > 50 * (found + 1)) {
                    which[found++] = r;
                }
            }
            List<String> first = rows.get(which[0]);
            first.set(LedgerColumn.NATIONAL_ID.ordinal(), NationalIds.withWrongCheckDigit(first.get(LedgerColumn.NATIONAL_ID.ordinal())));
            bad.add((which[0] + 1) + ",身份证号,check-digit");
            List<String> second = rows.get(which[1]);
            second.set(LedgerColumn.GENDER.ordinal(), "女");
            bad.add((which[1] + 1) + ",性别,matches-national-id");
            List<String> third = rows.get(which[2]);
            third.set(LedgerColumn.RELATION.ordinal(), "邻居");
            bad.add((which[2] + 1) + ",与户主关系,one-of");
        }
        return new Ledger(rows, community, household, bad);
    }

    @Test
    void shouldRegisterTheValidHouseholdsOfAThousandRowsAndReportExactlyTheThreeBadOnes() {
        Ledger ledger = ledger(1000, true);
        byte[] file = ledger.csv();

        // All or nothing: the three bad rows stop the whole file.
        JsonNode allOrNothing = finished(post(SHENYANG, file, "ledger.csv", "ALL_OR_NOTHING").statusCode(202)
                .header("Location", containsString("/api/v1/imports/")).extract().asString());
        assertThat(allOrNothing.get("status").asText()).isEqualTo("DONE");
        assertThat(allOrNothing.get("rowsRead").asLong()).isEqualTo(1000);
        assertThat(allOrNothing.get("householdsRegistered").asLong()).isZero();
        assertThat(allOrNothing.get("rowsFailed").asLong()).isEqualTo(3);
        assertThat(householdsIn(ledger.community())).isZero();

        // Valid rows only: everything but the three households with a bad row.
        String accepted = post(SHENYANG, file, "ledger.csv", "VALID_ROWS").statusCode(202).extract().asString();
        JsonNode validRows = finished(accepted);
        assertThat(validRows.get("status").asText()).isEqualTo("DONE");
        assertThat(validRows.get("householdsRead").asLong()).isEqualTo(ledger.households());
        assertThat(validRows.get("householdsRegistered").asLong()).isEqualTo(ledger.households() - 3);
        assertThat(validRows.get("rowsFailed").asLong()).isEqualTo(3);
        assertThat(householdsIn(ledger.community())).isEqualTo(ledger.households() - 3);
        String id = validRows.get("id").asText();
        assertThat(errorLines(id)).containsExactlyElementsOf(ledger.badRows());
        assertThat(errorLines(allOrNothing.get("id").asText())).containsExactlyElementsOf(ledger.badRows());
        assertThat(xlsxErrorRows(id)).containsExactlyElementsOf(ledger.badRows());

        // The same file again, in either mode: the job it has, nothing registered.
        post(SHENYANG, file, "ledger.csv", "VALID_ROWS").statusCode(200).body("id", equalTo(id));
        post(SHENYANG, file, "again.csv", "ALL_OR_NOTHING").statusCode(200).body("id", equalTo(allOrNothing.get("id").asText()));
        assertThat(householdsIn(ledger.community())).isEqualTo(ledger.households() - 3);
    }

    @Test
    void shouldRegisterThroughTheRegistersOwnDoorAndCallAPersonAlreadyRegisteredAnErrorRow() {
        Ledger ledger = ledger(6, false);
        JsonNode job = finished(post(SHENYANG, ledger.csv(), "small.csv", "VALID_ROWS").statusCode(202).extract().asString());
        assertThat(job.get("householdsRegistered").asLong()).isEqualTo(ledger.households());

        UUID household = QuarkusTransaction.requiringNew().call(() -> ((Household) Household.find("community", ledger.community())
                .firstResult()).id);
        events.await(r -> Fixtures.is(r, household, REGISTERED), 1);
        // The ledger's 低保 and graduation columns reach the register (issue #17's graduates in need are found from them).
        List<LocalDate> graduations = QuarkusTransaction.requiringNew().call(() -> Household.<Household>list("community", ledger.community())
                .stream().filter(h -> h.minimumLivingAllowance).flatMap(h -> h.members.stream()).map(m -> m.graduatedOn)
                .filter(java.util.Objects::nonNull).toList());
        assertThat(graduations).hasSize(1);
        given().header("Authorization", Tokens.bearer("caseworker", SHENYANG, "importer-1")).get("/api/v1/households/{id}/history", household)
                .then().statusCode(200).body("action", equalTo(List.of("REGISTER"))).body("actor[0]", equalTo("importer-1"));

        // The same people in a changed file: each an error row, the file not refused whole.
        List<List<String>> changed = new ArrayList<>(ledger.rows());
        changed.set(1, new ArrayList<>(changed.get(1)));
        changed.get(1).set(LedgerColumn.NAME.ordinal(), "王建民");
        JsonNode again = finished(post(SHENYANG, new Ledger(changed, ledger.community(), ledger.households(), List.of()).csv(),
                "changed.csv", "VALID_ROWS").statusCode(202).extract().asString());
        assertThat(again.get("householdsRegistered").asLong()).isZero();
        assertThat(again.get("rowsFailed").asLong()).isEqualTo(6);
        assertThat(again.get("errors").findValuesAsText("rule")).containsOnly("already-registered");
        assertThat(again.toString()).doesNotContain(ledger.rows().get(1).get(LedgerColumn.NATIONAL_ID.ordinal()));
    }

    /**
     * A batch is written without deciding the households nothing changes (HouseholdRegister.registerAll): every other one
     * is decided as a registration would be — a household whose only member is out of work becomes zero-employment, and a
     * report that waited for a person applies and decides too; the rest stand as the ledger gave them.
     */
    @Test
    void shouldDecideEachImportedHouseholdAsARegistrationWould() {
        // People of 30 to 40, far from any retirement age: HH-1 a couple, one of them in stable work; HH-2 two in stable
        // work and a student; HH-3 one person out of work; HH-4 one person in stable work for whom a layoff report waits.
        String community = "导入社区-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate birth = today.minusYears(40).plusDays((long) (Math.random() * 1000));
        List<List<String>> rows = new ArrayList<>(List.of(HEADERS));
        String[][] people = {{"HH-1", "失业"}, {"HH-1", "稳定就业"}, {"HH-2", "稳定就业"}, {"HH-2", "稳定就业"}, {"HH-2", "在校学生"},
                {"HH-3", "失业"}, {"HH-4", "稳定就业"}};
        for (int p = 0; p < people.length; p++) {
            birth = birth.plusDays(400);
            boolean male = p % 2 == 0;
            boolean head = p == 0 || !people[p][0].equals(people[p - 1][0]);
            rows.add(ledgerRow(people[p][0], community, NationalIds.of(HEPING, birth, male), birth, male, head ? "户主" : "配偶",
                    people[p][1], today.minusDays(400)));
        }
        Ledger ledger = new Ledger(rows, community, 4, List.of());
        String report = Fixtures.reportByHttp(HEPING, "wanjia.labour.unemployment-reported.v1",
                Fixtures.unemployment(rows.get(7).get(LedgerColumn.NATIONAL_ID.ordinal()), today.minusDays(3)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM unmatched_report WHERE event_id = ?1",
                report) == 1);

        JsonNode job = finished(post(SHENYANG, ledger.csv(), "decide.csv", "VALID_ROWS").statusCode(202).extract().asString());

        assertThat(job.get("householdsRegistered").asLong()).isEqualTo(4);
        Map<String, UUID> households = new java.util.HashMap<>();
        Map<String, String> statuses = new java.util.HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> imported = em.createNativeQuery("""
                    SELECT l.household_ref, l.household_id, h.status FROM ledger_import_household l JOIN household h ON h.id = l.household_id
                    WHERE l.import_id = ?1""").setParameter(1, UUID.fromString(job.get("id").asText())).getResultList();
            imported.forEach(r -> {
                households.put((String) r[0], (UUID) r[1]);
                statuses.put((String) r[0], (String) r[2]);
            });
        });
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("HH-1", "NOT_ZERO_EMPLOYMENT", "HH-2", "NOT_ZERO_EMPLOYMENT",
                "HH-3", "ZERO_EMPLOYMENT", "HH-4", "ZERO_EMPLOYMENT"));
        for (String decided : List.of("HH-3", "HH-4")) {
            events.await(r -> Fixtures.is(r, households.get(decided), STARTED), 1);
            assertThat(count("SELECT count(*) FROM identification WHERE household_id = ?1", households.get(decided))).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM unmatched_report WHERE event_id = ?1", report)).isZero();
        assertThat(count("SELECT count(*) FROM member WHERE household_id = ?1 AND status = 'UNEMPLOYED'", households.get("HH-4")))
                .isEqualTo(1);
        for (String standing : List.of("HH-1", "HH-2")) {
            UUID household = households.get(standing);
            events.await(r -> Fixtures.is(r, household, REGISTERED), 1);
            assertThat(events.seen().stream().filter(r -> Fixtures.is(r, household, STARTED))).isEmpty();
            // written whole: claimed, its members' working-age dates set, one REGISTER entry by the importer
            assertThat(count("SELECT count(*) FROM member WHERE household_id = ?1 AND claim_published AND working_age_from IS NOT NULL"
                    + " AND retirement_on IS NOT NULL AND national_id_masked LIKE '______************'", household))
                    .isEqualTo(standing.equals("HH-1") ? 2 : 3);
            given().header("Authorization", Tokens.bearer("caseworker", SHENYANG)).get("/api/v1/households/{id}/history", household)
                    .then().statusCode(200).body("action", equalTo(List.of("REGISTER")));
        }
    }

    @Test
    void shouldSkipAHouseholdWholeWhenOneOfItsRowsIsBadAndReportItsOtherRows() {
        Ledger ledger = ledger(6, false); // households HH-1 (rows 2–3), HH-2 (rows 4–6), HH-3 (row 7)
        ledger.rows().get(2).set(LedgerColumn.GENDER.ordinal(), "男"); // HH-1's spouse, whose ID says female
        JsonNode job = finished(post(SHENYANG, ledger.csv(), "one-bad.csv", "VALID_ROWS").statusCode(202).extract().asString());

        assertThat(job.get("householdsRegistered").asLong()).isEqualTo(2);
        assertThat(job.get("rowsFailed").asLong()).isEqualTo(2);
        List<String> errors = new ArrayList<>();
        job.get("errors").forEach(e -> errors.add(e.get("row").asLong() + "," + e.get("column").asText("") + "," + e.get("rule").asText()));
        assertThat(errors).containsExactly("2,,household-rejected", "3,性别,matches-national-id");
        assertThat(householdsIn(ledger.community())).isEqualTo(2);
    }

    @Test
    void shouldImportAnXlsxWorkbook() throws IOException {
        Ledger ledger = ledger(20, false);
        byte[] xlsx;
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("台账");
            for (int r = 0; r < ledger.rows().size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < ledger.rows().get(r).size(); c++) {
                    row.createCell(c).setCellValue(ledger.rows().get(r).get(c));
                }
            }
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        JsonNode job = finished(post(SHENYANG, xlsx, "ledger.xlsx", "ALL_OR_NOTHING").statusCode(202).extract().asString());
        assertThat(job.get("format").asText()).isEqualTo("XLSX");
        assertThat(job.get("rowsRead").asLong()).isEqualTo(20);
        assertThat(job.get("householdsRegistered").asLong()).isEqualTo(ledger.households());
        assertThat(householdsIn(ledger.community())).isEqualTo(ledger.households());

        String[] mapping = given().header("Authorization", Tokens.bearer("caseworker", SHENYANG))
                .get("/api/v1/imports/{id}/households.csv", job.get("id").asText()).then().statusCode(200).extract().asString().split("\r\n");
        assertThat(mapping[0]).isEqualTo("row,householdRef,householdId");
        assertThat(mapping).hasSize(ledger.households() + 1);
        String[] first = mapping[1].split(",");
        assertThat(first[0]).isEqualTo("2");
        assertThat(first[1]).isEqualTo("HH-1");
        given().header("Authorization", Tokens.bearer("caseworker", SHENYANG)).get("/api/v1/households/{id}", first[2])
                .then().statusCode(200).body("community", equalTo(ledger.community())).body("members.size()", equalTo(2));
    }

    @Test
    void shouldDownloadTheTemplateAndImportItEmpty() throws IOException {
        byte[] template = given().header("Authorization", Tokens.bearer("caseworker", SHENYANG)).get("/api/v1/imports/template.xlsx")
                .then().statusCode(200).contentType(startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("户编号");
            assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("填写说明");
        }
        JsonNode job = finished(post(SHENYANG, template, "template.xlsx", "ALL_OR_NOTHING").extract().asString());
        assertThat(job.get("status").asText()).isEqualTo("DONE");
        assertThat(job.get("rowsRead").asLong()).isZero();
        assertThat(job.get("errorsTotal").asLong()).isZero();
    }

    @Test
    void shouldReportEveryRowOutsideTheCallersAreaAndHideTheJobFromAnotherArea() {
        Ledger ledger = ledger(10, false);
        String dalian = "2102";
        JsonNode job = finished(post(dalian, ledger.csv(), "ledger.csv", "VALID_ROWS", dalian).statusCode(202).extract().asString(), dalian);
        assertThat(job.get("householdsRegistered").asLong()).isZero();
        assertThat(job.get("rowsFailed").asLong()).isEqualTo(10);
        assertThat(job.get("errors").findValuesAsText("rule")).contains("outside-area").doesNotContain("already-registered");
        assertThat(householdsIn(ledger.community())).isZero();

        given().header("Authorization", Tokens.bearer("caseworker", SHENYANG)).get("/api/v1/imports/{id}", job.get("id").asText())
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("caseworker", SHENYANG)).get("/api/v1/imports/{id}/errors.csv", job.get("id").asText())
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("placement-officer", dalian)).get("/api/v1/imports/{id}", job.get("id").asText())
                .then().statusCode(403);
    }

    @Test
    void shouldRefuseBadUploadsWithAProblemNamingTheFieldAndRule() {
        String token = Tokens.bearer("caseworker", SHENYANG);
        given().header("Authorization", token).contentType("application/json").body("{}").post("/api/v1/imports")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("field", equalTo("Content-Type"));
        post(SHENYANG, new byte[0], "empty.csv", "VALID_ROWS").statusCode(400).body("field", equalTo("file"));
        post(SHENYANG, "\n\n".getBytes(StandardCharsets.UTF_8), "blank.csv", "VALID_ROWS").statusCode(400).body("field", equalTo("file"))
                .body("rule", equalTo("header"));
        post(SHENYANG, "户编号,备注\nH1,x\n".getBytes(StandardCharsets.UTF_8), "odd.csv", "VALID_ROWS").statusCode(400)
                .body("rule", equalTo("known-header")).body("field", equalTo("B1")).body("detail", not(containsString("备注")));
        String missing = HEADERS.stream().filter(h -> !h.equals("身份证号")).collect(Collectors.joining(","));
        post(SHENYANG, (missing + "\n").getBytes(StandardCharsets.UTF_8), "missing.csv", "VALID_ROWS").statusCode(400)
                .body("rule", equalTo("required-header")).body("detail", containsString("身份证号"));
        post(SHENYANG, ledger(2, false).csv(), "ledger.csv", "SOME").statusCode(400).body("field", equalTo("mode"));
        post(SHENYANG, "%PDF-1.4".getBytes(StandardCharsets.UTF_8), "ledger.pdf", "VALID_ROWS").statusCode(400)
                .body("rule", equalTo("file-type"));
        // Excel's "Unicode text" (UTF-16 with a byte-order mark) is neither UTF-8 nor GB18030: it was a 500.
        post(SHENYANG, ("\uFEFF" + String.join(",", HEADERS) + "\n").getBytes(StandardCharsets.UTF_16LE), "ledger.csv", "VALID_ROWS").statusCode(400)
                .body("rule", equalTo("encoding")).body("detail", containsString("row 1"));
    }

    /**
     * An upload's name is kept printable, with an ID number in it masked: a NUL in it was a 500 (PostgreSQL's text refuses
     * it). (The test client writes a part's file name in ISO-8859-1, so only such control characters can be sent here.)
     */
    @Test
    void shouldKeepAnUploadsNamePrintableWithAnIdNumberInItMasked() {
        String id = NationalIds.of(LocalDate.of(1980, 5, 17), true);
        post(SHENYANG, ledger(2, false).csv(), "ledger\u0000" + id + "\u0007.csv", "VALID_ROWS").statusCode(202)
                .body("fileName", equalTo("ledger" + id.substring(0, 6) + "************.csv"));
    }

    /**
     * A person registered by someone else after the import looked them up and before it wrote its batch: the member table's
     * unique hash refuses the batch (HouseholdRegister.registerAll asks the register only about other districts), the import
     * registers its households one by one, and that person's household is refused as registered — not a server error, and
     * the person is on the register once. The error report stands in row order: that refusal, found while registering, comes
     * before a later row's error found while checking.
     */
    @Test
    void shouldRefuseAPersonRegisteredBetweenTheLookUpAndTheWriting() throws Exception {
        String community = "导入社区-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate birth = today.minusYears(35).plusDays((long) (Math.random() * 1000));
        List<List<String>> rows = new ArrayList<>(List.of(HEADERS));
        List<String> ids = new ArrayList<>();
        for (String household : List.of("HH-1", "HH-2", "HH-3")) {
            birth = birth.plusDays(400);
            ids.add(NationalIds.of(HEPING, birth, true));
            rows.add(ledgerRow(household, community, ids.get(ids.size() - 1), birth, true, "户主", "失业", today.minusDays(30)));
        }
        birth = birth.plusDays(400);
        rows.add(ledgerRow("HH-4", community, NationalIds.withWrongCheckDigit(NationalIds.of(HEPING, birth, true)), birth, true, "户主",
                "失业", today.minusDays(30)));
        String taken = vault.hash(NationalId.parse(ids.get(1)));
        UUID template = UUID.fromString(Fixtures.registered(Fixtures.household(HEPING, List.of(Fixtures.adult(today, 50, true,
                "UNEMPLOYED")))).at("/members/0/id").asText());
        // Another registration of the HH-2 person, written and not yet committed while the import runs.
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("CREATE TEMP TABLE copied ON COMMIT DROP AS SELECT * FROM member WHERE id = ?1")
                    .setParameter(1, template).executeUpdate();
            em.createNativeQuery("UPDATE copied SET id = gen_random_uuid(), national_id_hash = ?1").setParameter(1, taken).executeUpdate();
            em.createNativeQuery("INSERT INTO member SELECT * FROM copied").executeUpdate();
            written.countDown();
            try {
                commit.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            String accepted = post(SHENYANG, new Ledger(rows, community, 4, List.of()).csv(), "meanwhile.csv", "VALID_ROWS")
                    .statusCode(202).extract().asString();
            // The import's batch waits on the other registration's row: that is the moment between its look-up and its write.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into member%'") > 0);
            commit.countDown();
            other.get(30, TimeUnit.SECONDS);

            JsonNode job = finished(accepted);
            assertThat(job.get("status").asText()).isEqualTo("DONE");
            assertThat(job.get("householdsRegistered").asLong()).isEqualTo(2);
            assertThat(errorLines(job.get("id").asText())).containsExactly("3,身份证号,already-registered", "5,身份证号,check-digit");
            assertThat(count("SELECT count(*) FROM member WHERE national_id_hash = ?1", taken)).isEqualTo(1);
        } finally {
            commit.countDown();
        }
    }

    private static io.restassured.response.ValidatableResponse post(String area, byte[] file, String name, String mode) {
        return post(area, file, name, mode, "importer-1");
    }

    private static io.restassured.response.ValidatableResponse post(String area, byte[] file, String name, String mode, String subject) {
        return given().header("Authorization", Tokens.bearer("caseworker", area, subject))
                .multiPart("file", name, file, name.endsWith(".xlsx")
                        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv")
                .multiPart("mode", mode).post("/api/v1/imports").then();
    }

    /** The job once it is DONE or FAILED, polled with a deadline. */
    private static JsonNode finished(String accepted) {
        return finished(accepted, SHENYANG);
    }

    private static JsonNode finished(String accepted, String area) {
        String id = json(accepted).get("id").asText();
        JsonNode[] last = new JsonNode[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = json(given().header("Authorization", Tokens.bearer("caseworker", area)).get("/api/v1/imports/{id}", id)
                    .then().statusCode(200).extract().asString());
            return Set.of("DONE", "FAILED").contains(last[0].get("status").asText());
        });
        return last[0];
    }

    /** The error report as CSV lines "row,column,rule". */
    private static List<String> errorLines(String id) {
        Response csv = given().header("Authorization", Tokens.bearer("caseworker", SHENYANG)).get("/api/v1/imports/{id}/errors.csv", id);
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] lines = csv.asString().replace("\uFEFF", "").split("\r\n");
        assertThat(lines[0]).isEqualTo("row,column,rule,message");
        List<String> errors = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", 4);
            errors.add(cells[0] + "," + cells[1] + "," + cells[2]);
        }
        return errors;
    }

    /** The error report as XLSX rows "row,column,rule". */
    private static List<String> xlsxErrorRows(String id) {
        byte[] xlsx = given().header("Authorization", Tokens.bearer("caseworker", SHENYANG)).get("/api/v1/imports/{id}/errors.xlsx", id)
                .then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                rows.add((long) row.getCell(0).getNumericCellValue() + "," + row.getCell(1).getStringCellValue() + ","
                        + row.getCell(2).getStringCellValue());
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One member's row of a household in Heping, every other column filled as a ledger usually is. */
    private static List<String> ledgerRow(String household, String community, String nationalId, LocalDate birth, boolean male,
            String relation, String status, LocalDate statusSince) {
        List<String> cells = new ArrayList<>();
        for (LedgerColumn column : LedgerColumn.values()) {
            cells.add(switch (column) {
                case HOUSEHOLD_REF -> household;
                case DISTRICT_CODE -> HEPING;
                case STREET -> "南市场街道";
                case COMMUNITY -> community;
                case ADDRESS -> "民主街" + household;
                case COHORT -> "一般";
                case NAME -> male ? "王建国" : "李秀英";
                case NATIONAL_ID -> nationalId;
                case RELATION -> relation;
                case BIRTH_DATE -> birth.toString();
                case GENDER -> male ? "男" : "女";
                case LABOUR_CAPACITY -> "完全";
                case WILLING_TO_WORK -> "是";
                case OCCUPATION_CATEGORY -> "工人";
                case STATUS -> status;
                case STATUS_SINCE -> statusSince.toString();
                case BUSINESS_INCOME -> "否";
                default -> "";
            });
        }
        return cells;
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult())
                .longValue());
    }

    private static long householdsIn(String community) {
        return QuarkusTransaction.requiringNew().call(() -> Household.count("community", community));
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
