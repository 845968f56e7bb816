import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a demo city (districts of Shenyang 沈阳) into a running platform through its public APIs: about a
 * thousand households with generated names and valid ID numbers, written as a city's ledger (台账, the import
 * template's CSV) and loaded through the ledger import — the path a city takes — then unemployment reports dated so
 * that cases are spread over their 20 days (a few overdue), job posts of every kind, and some placements. Everything
 * is derived from a fixed seed, so a second run the same day posts the same file, gets the same import job back and
 * adds nothing (reports DUPLICATE, offers refused).
 * Usage: {@code java tools/demo/Demo.java ROOT [HOUSEHOLDS] [FIRST_PORT]} (./platform demo runs it; the four
 * services listen on FIRST_PORT to FIRST_PORT+3, 8081 by default).
 */
public class Demo {

    static final String[] DISTRICTS = {"210102", "210103", "210104", "210105", "210106"};
    static final String[] SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢".split("");
    static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉红建国志文斌凤云宏春梅晶鹏辉飞鑫波宁".split("");
    static final String[] SKILLS = {"driving", "welding", "cooking", "cleaning", "electrician", "sales", "nursing", "warehouse"};
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    static Path root;
    static String household = "http://127.0.0.1:8081", placement = "http://127.0.0.1:8082";

    public static void main(String[] args) throws Exception {
        root = Path.of(args[0]);
        int households = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        if (args.length > 2) {
            int first = Integer.parseInt(args[2]);
            household = "http://127.0.0.1:" + first;
            placement = "http://127.0.0.1:" + (first + 1);
        }
        LocalDate today = LocalDate.now(SHANGHAI);
        Random random = new Random(20061228);
        String caseworker = token("caseworker", "2101"), publisher = token("publisher", "2101"), officer = token("placement-officer", "2101");

        Map<String, List<String>> posts = new LinkedHashMap<>();
        for (String district : DISTRICTS) {
            posts.put(district, posts(officer, district));
        }

        List<Object[]> plan = new ArrayList<>();
        for (int i = 0; i < households; i++) {
            plan.add(household(random, i, today));
        }
        // The households: one ledger file through the import API, as a city loads its spreadsheets.
        Path ledger = root.resolve(".platform/demo/ledger-" + households + "-" + today + ".csv");
        java.nio.file.Files.createDirectories(ledger.getParent());
        StringBuilder csv = new StringBuilder("\uFEFF" + LEDGER_HEADER + "\r\n");
        plan.forEach(h -> csv.append((String) h[1]));
        java.nio.file.Files.writeString(ledger, csv, java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> registered = importLedger(ledger, caseworker, plan.size());

        AtomicInteger done = new AtomicInteger();
        List<String[]> heads = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int index = 0; index < plan.size(); index++) {
            Object[] h = plan.get(index);
            String householdId = registered.get(ref(index));
            work.add(pool.submit(() -> {
                if (householdId != null && (Boolean) h[4]) {
                    // The head as the register answered a registration: its first member (members come oldest first).
                    Matcher m = ID.matcher(send("GET", household + "/api/v1/households/" + householdId, caseworker, null, Map.of()).body());
                    m.find();
                    heads.add(new String[] {householdId, m.find() ? m.group(1) : null, (String) h[0]});
                }
                if (h[2] != null) {
                    send("POST", household + "/api/v1/labour-reports", publisher, (String) h[2],
                            Map.of("ce-id", (String) h[3], "ce-type", "wanjia.labour.unemployment-reported.v1",
                                    "ce-source", "/shenyang/labour-bureau", "ce-specversion", "1.0", "ce-time", java.time.Instant.now().toString()));
                }
                progress("reports", done.incrementAndGet(), plan.size());
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        System.err.println();

        // Placements for some households, once placement-service has them as candidates.
        int placed = 0;
        for (int i = 0; i < heads.size(); i++) {
            String[] h = heads.get(i);
            String candidates = "";
            for (int attempt = 0; attempt < 40 && !candidates.contains(h[1]); attempt++) {
                candidates = send("GET", placement + "/api/v1/households/" + h[0] + "/suggestions", officer, null, Map.of()).body();
                if (!candidates.contains(h[1])) {
                    TimeUnit.MILLISECONDS.sleep(250);
                }
            }
            List<String> districtPosts = posts.get(h[2]);
            String post = districtPosts.get(i % districtPosts.size());
            HttpResponse<String> offer = send("POST", placement + "/api/v1/offers", officer,
                    "{\"memberId\":\"" + h[1] + "\",\"postId\":\"" + post + "\"}", Map.of());
            Matcher m = ID.matcher(offer.body());
            if (offer.statusCode() == 201 && m.find()) {
                send("POST", placement + "/api/v1/offers/" + m.group(1) + "/accept", officer, "{}", Map.of());
                placed++;
            }
            progress("placements", i + 1, heads.size());
        }
        System.err.println();
        pool.shutdown();
        System.err.printf("demo city: %d households planned, %d placements made now%n", households, placed);
    }

    /** The import template's columns the demo fills (Chinese headers, as a city's ledger has them). */
    static final String LEDGER_HEADER = "户编号,区县代码,街道,社区,住址,人员类别,姓名,身份证号,与户主关系,出生日期,性别,文化程度,技能,"
            + "劳动能力,就业意愿,职业类别,就业状况,状况起始日期";

    /** The ledger's number of household {@code index}. */
    static String ref(int index) {
        return String.format("SY-%05d", index + 1);
    }

    /** One household: [district, its ledger rows (CSV), report JSON or null, report id, place its head?]. */
    static Object[] household(Random random, int index, LocalDate today) {
        String district = DISTRICTS[index % DISTRICTS.length];
        int members = 1 + random.nextInt(3);
        String street = "第" + (1 + random.nextInt(9)) + "街道";
        String community = (1 + random.nextInt(30)) + "号社区";
        String address = (1 + random.nextInt(200)) + "号楼" + (1 + random.nextInt(6)) + "单元";
        String cohort = random.nextInt(10) == 0 ? "棚改回迁" : "一般";
        StringBuilder rows = new StringBuilder();
        String reportedId = null;
        for (int m = 0; m < members; m++) {
            boolean male = m == 0 ? random.nextBoolean() : !(m == 1);
            int age = m < 2 ? 32 + random.nextInt(20) : 17 + random.nextInt(8);
            LocalDate birth = today.minusYears(age).minusDays(random.nextInt(360));
            String id = nationalId(district, birth, male, index * 4 + m);
            boolean lastEmployed = m == members - 1 && m < 2;
            String status = m >= 2 ? (age < 20 ? "在校学生" : "失业") : lastEmployed ? "稳定就业" : "失业";
            if (lastEmployed) {
                reportedId = id;
            }
            String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                    + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
            String skill = SKILLS[random.nextInt(SKILLS.length)];
            rows.append(String.join(",", ref(index), district, street, community, address, cohort, name, id,
                    m == 0 ? "户主" : m == 1 ? "配偶" : "子女", birth.toString(), male ? "男" : "女", m >= 2 ? "高中" : "初中", skill,
                    "完全", "是", "工人", status, lastEmployed ? today.minusYears(3).toString() : "")).append("\r\n");
        }
        String report = null;
        boolean zero = reportedId == null || random.nextInt(100) < 85;
        if (reportedId != null && zero) {
            int daysAgo = random.nextInt(100) < 8 ? 21 + random.nextInt(8) : random.nextInt(20);
            report = "{\"nationalId\":\"" + reportedId + "\",\"districtCode\":\"" + district + "\",\"occurredOn\":\""
                    + today.minusDays(daysAgo) + "\",\"reason\":\"enterprise restructuring\",\"sourceRef\":\"SY-DEMO-" + index + "\"}";
        }
        return new Object[] {district, rows.toString(), report, "demo-report-" + index, zero && random.nextInt(100) < 12};
    }

    /**
     * Posts the ledger to the import API (valid rows only), follows the job to its end with the households counted as
     * they are registered, and answers which household each ledger number became.
     */
    static Map<String, String> importLedger(Path ledger, String caseworker, int households) throws Exception {
        String boundary = "wanjia-demo-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nVALID_ROWS\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + ledger.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(java.nio.file.Files.readAllBytes(ledger));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(household + "/api/v1/imports"))
                .header("Authorization", "Bearer " + caseworker).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(posted.body());
        if (posted.statusCode() / 100 != 2 || !id.find()) {
            throw new IllegalStateException("the import was refused: " + posted.statusCode() + " " + posted.body());
        }
        String job = household + "/api/v1/imports/" + id.group(1);
        Pattern status = Pattern.compile("\"status\":\"(\\w+)\"");
        Pattern registered = Pattern.compile("\"householdsRegistered\":(\\d+)");
        while (true) {
            String answer = send("GET", job, caseworker, null, Map.of()).body();
            Matcher s = status.matcher(answer), r = registered.matcher(answer);
            int count = r.find() ? Integer.parseInt(r.group(1)) : 0;
            progress("households", count, households);
            if (s.find() && (s.group(1).equals("DONE") || s.group(1).equals("FAILED"))) {
                System.err.println();
                if (s.group(1).equals("FAILED") || answer.contains("\"rowsFailed\":") && !answer.contains("\"rowsFailed\":0")) {
                    System.err.println("  the import reported: " + answer);
                }
                break;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        Map<String, String> byRef = new java.util.HashMap<>();
        for (String line : send("GET", job + "/households.csv", caseworker, null, Map.of()).body().split("\r\n")) {
            String[] cells = line.split(",");
            if (cells.length == 3 && !cells[0].equals("row")) {
                byRef.put(cells[1], cells[2]);
            }
        }
        return byRef;
    }

    /** Job posts of every kind in a district (found again by title on a second run). */
    static List<String> posts(String officer, String district) throws Exception {
        String existing = send("GET", placement + "/api/v1/posts?size=500&district=" + district, officer, null, Map.of()).body();
        List<String> ids = new ArrayList<>();
        String[][] specs = {{"PUBLIC_WELFARE", "社区公益性岗位（保洁绿化）", "2100", "40"}, {"PUBLIC_WELFARE", "社区治安巡逻员", "2200", "20"},
                {"ENTERPRISE", "物流仓储操作工", "3500", "15"}, {"ENTERPRISE", "商场导购员", "3000", "10"},
                {"SELF_EMPLOYMENT", "小额担保贷款自主创业", "2500", "10"}, {"FLEXIBLE", "家政服务员", "3200", "20"}};
        for (String[] s : specs) {
            Matcher found = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"kind\":\"" + s[0] + "\",\"employer\":\"[^\"]*\",\"districtCode\":\""
                    + district + "\",\"title\":\"" + Pattern.quote(s[1]) + "\"").matcher(existing);
            if (found.find()) {
                ids.add(found.group(1));
                continue;
            }
            String body = "{\"kind\":\"" + s[0] + "\",\"employer\":\"沈阳市就业服务中心\",\"districtCode\":\"" + district + "\",\"title\":\""
                    + s[1] + "\",\"monthlyWage\":" + s[2] + ",\"openings\":" + s[3] + ",\"contractMonths\":12,\"socialInsurancePaid\":true,"
                    + "\"businessLicence\":" + s[0].equals("SELF_EMPLOYMENT") + ",\"minAge\":18,\"maxAge\":60"
                    + (s[0].equals("PUBLIC_WELFARE") ? ",\"funding\":{\"budget\":\"EMPLOYMENT_FUND\",\"monthlyPostSubsidy\":1500,"
                    + "\"monthlySocialInsuranceSubsidy\":600}" : "") + "}";
            Matcher m = ID.matcher(send("POST", placement + "/api/v1/posts", officer, body, Map.of()).body());
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    static String nationalId(String district, LocalDate birth, boolean male, int sequence) {
        String body = district + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", (sequence % 499) * 2 + (male ? 1 : 0));
        int sum = 0;
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static HttpResponse<String> send(String method, String url, String token, String body, Map<String, String> headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String role, String area) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("platform").toString(), "token", role, area).start();
        String token = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return token;
    }

    static synchronized void progress(String what, int done, int total) {
        int width = 40, filled = done * width / Math.max(1, total);
        System.err.print("\r  " + what + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
    }
}
