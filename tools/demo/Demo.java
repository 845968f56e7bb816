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
 * thousand households with generated names and valid ID numbers, unemployment reports dated so that cases
 * are spread over their 20 days (a few overdue), job posts of every kind, and some placements. Everything is
 * derived from a fixed seed, so a second run finds it all there (409 / DUPLICATE) and adds nothing.
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
        AtomicInteger done = new AtomicInteger();
        List<String[]> heads = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (Object[] h : plan) {
            work.add(pool.submit(() -> {
                String body = (String) h[1];
                HttpResponse<String> r = send("POST", household + "/api/v1/households", caseworker, body, Map.of());
                if (r.statusCode() == 201) {
                    Matcher m = ID.matcher(r.body());
                    String household = m.find() ? m.group(1) : null;
                    String head = m.find() ? m.group(1) : null;
                    if ((Boolean) h[4]) {
                        heads.add(new String[] {household, head, (String) h[0]});
                    }
                }
                if (h[2] != null) {
                    send("POST", household + "/api/v1/labour-reports", publisher, (String) h[2],
                            Map.of("ce-id", (String) h[3], "ce-type", "wanjia.labour.unemployment-reported.v1",
                                    "ce-source", "/shenyang/labour-bureau", "ce-specversion", "1.0", "ce-time", java.time.Instant.now().toString()));
                }
                progress("households", done.incrementAndGet(), plan.size());
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

    /** One household: [district, registration JSON, report JSON or null, report id, place its head?]. */
    static Object[] household(Random random, int index, LocalDate today) {
        String district = DISTRICTS[index % DISTRICTS.length];
        int members = 1 + random.nextInt(3);
        StringBuilder json = new StringBuilder("{\"districtCode\":\"" + district + "\",\"street\":\"" + "第" + (1 + random.nextInt(9))
                + "街道\",\"community\":\"" + (1 + random.nextInt(30)) + "号社区\",\"address\":\"" + (1 + random.nextInt(200))
                + "号楼" + (1 + random.nextInt(6)) + "单元\",\"cohort\":\"" + (random.nextInt(10) == 0 ? "SHANTYTOWN_RELOCATION" : "STANDARD")
                + "\",\"members\":[");
        String reportedId = null;
        for (int m = 0; m < members; m++) {
            boolean male = m == 0 ? random.nextBoolean() : !(m == 1);
            int age = m < 2 ? 32 + random.nextInt(20) : 17 + random.nextInt(8);
            LocalDate birth = today.minusYears(age).minusDays(random.nextInt(360));
            String id = nationalId(district, birth, male, index * 4 + m);
            boolean lastEmployed = m == members - 1 && m < 2;
            String status = m >= 2 ? (age < 20 ? "STUDENT" : "UNEMPLOYED") : lastEmployed ? "EMPLOYED_STABLE" : "UNEMPLOYED";
            if (lastEmployed) {
                reportedId = id;
            }
            json.append(m > 0 ? "," : "").append("{\"nationalId\":\"").append(id).append("\",\"name\":\"")
                    .append(SURNAMES[random.nextInt(SURNAMES.length)]).append(GIVEN[random.nextInt(GIVEN.length)])
                    .append(random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "")
                    .append("\",\"relation\":\"").append(m == 0 ? "HEAD" : m == 1 ? "SPOUSE" : "CHILD")
                    .append("\",\"birthDate\":\"").append(birth).append("\",\"gender\":\"").append(male ? "MALE" : "FEMALE")
                    .append("\",\"education\":\"").append(m >= 2 ? "SENIOR_MIDDLE" : "JUNIOR_MIDDLE")
                    .append("\",\"skills\":[\"").append(SKILLS[random.nextInt(SKILLS.length)]).append("\"]")
                    .append(",\"labourCapacity\":\"FULL\",\"willingToWork\":true,\"occupationCategory\":\"WORKER\",\"status\":\"")
                    .append(status).append("\"").append(lastEmployed ? ",\"statusSince\":\"" + today.minusYears(3) + "\"" : "").append("}");
        }
        json.append("]}");
        String report = null;
        boolean zero = reportedId == null || random.nextInt(100) < 85;
        if (reportedId != null && zero) {
            int daysAgo = random.nextInt(100) < 8 ? 21 + random.nextInt(8) : random.nextInt(20);
            report = "{\"nationalId\":\"" + reportedId + "\",\"districtCode\":\"" + district + "\",\"occurredOn\":\""
                    + today.minusDays(daysAgo) + "\",\"reason\":\"enterprise restructuring\",\"sourceRef\":\"SY-DEMO-" + index + "\"}";
        }
        return new Object[] {district, json.toString(), report, "demo-report-" + index, zero && random.nextInt(100) < 12};
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
