package crampwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.Ports;
import crampwatch.testsupport.Services;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinic dashboard in a real browser (headless Chromium through Selenium) against the three real services on
 * PostgreSQL, Kafka and SMTP (GreenMail), all separate processes built by this reactor; the dashboard is the fourth
 * ({@link DashboardProcess}). Data goes in through the services' public APIs as a patient's app would send it; what
 * a clinician sees and does goes through the browser only. Screenshots of every page: {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String CLINICIAN_ID = "dr-browser";
    static final String CLINICIAN = DevTokens.clinician(CLINICIAN_ID);
    static final Path SHOTS = Path.of("target/screenshots");

    static GreenMail smtp;
    static Services services;
    static DashboardProcess dashboard;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void startEverything() throws Exception {
        Chromium.require();
        // A system of its own (the work list shows every patient's escalations), on the ports the shared one uses.
        SharedSystem.stopIfRunning();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Files.createDirectories(SHOTS);
        int smtpPort = Ports.free();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        services = new Services(smtpPort).with("CRAMPWATCH_SMTP_TIMEOUT", "10s");
        // The dashboard starts beside the services (it calls them per request, so it needs none of them to start).
        dashboard = new DashboardProcess();
        dashboard.start();
        services.startAll();
        dashboard.awaitReady();
    }

    @AfterAll
    static void stopEverything() {
        if (dashboard != null) {
            dashboard.stop();
        }
        if (services != null) {
            services.stopAll();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @BeforeEach
    void openBrowser(TestInfo test) {
        browser = Chromium.start(Services.logFile("chromedriver-" + test.getTestMethod().orElseThrow().getName()));
        wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(200));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    // ---------------------------------------------------------------- the stories

    @Test
    void aClinicianSignsInAndSeesTheUrgentEscalationFirst() {
        Patient older = Patient.create();
        older.log(episode(hoursAgo(6), 90, 8, false));            // SIGNIFICANT_PAIN: SEE_DOCTOR, raised first
        older.awaitOpen(1);
        Patient urgent = Patient.create();
        urgent.log(episode(hoursAgo(3), 12 * 60, 3, true));      // LONG_CRAMP: URGENT, raised later
        String urgentId = urgent.awaitOpen(1).get(0);

        browser.get(dashboard.url() + "/");
        wait.until(ExpectedConditions.urlToBe(dashboard.url() + "/signin"));
        assertThat(browser.findElement(By.cssSelector("[role=note]")).getText()).contains("Development sign-in");
        screenshot("signin");
        signIn();
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).contains("Signed in as " + CLINICIAN_ID);

        wait.until(d -> !d.findElements(By.cssSelector("tr[data-escalation='" + urgentId + "']")).isEmpty()
                && !d.findElements(By.xpath("//tbody[@id='rows']/tr[td/a[.='" + older.id + "']]")).isEmpty());
        List<String> levels = browser.findElements(By.cssSelector("tbody#rows tr[data-escalation]")).stream()
                .map(r -> r.getAttribute("data-level")).toList();
        assertThat(levels.get(0)).isEqualTo("URGENT");
        assertThat(levels.subList(levels.lastIndexOf("URGENT") + 1, levels.size())).doesNotContain("URGENT");
        List<String> patients = browser.findElements(By.cssSelector("tbody#rows tr[data-escalation] td:nth-child(2)")).stream()
                .map(WebElement::getText).toList();
        assertThat(patients.indexOf(urgent.id)).isLessThan(patients.indexOf(older.id));
        WebElement urgentRow = browser.findElement(By.cssSelector("tr[data-escalation='" + urgentId + "']"));
        assertThat(urgentRow.getText()).contains("LONG_CRAMP", "12 min", "Urgent");
        // The emails to the patient's contacts went out; the row says so once advice-service has heard back.
        wait.until(d -> d.findElement(By.cssSelector("tr[data-escalation='" + urgentId + "'] .mail")).getText().equals("SENT"));
        screenshot("worklist");
    }

    @Test
    void aNewEscalationAppearsWithoutAReload() {
        signIn();
        JavascriptExecutor js = browser;
        js.executeScript("window.crampwatchSamePage = 'yes';");
        Patient p = Patient.create();
        p.log(episode(hoursAgo(1), 60, 10, false));              // DEBILITATING_PAIN: URGENT
        String id = p.awaitOpen(1).get(0);

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-escalation='" + id + "']")));
        assertThat(js.executeScript("return window.crampwatchSamePage;")).as("the page was not reloaded").isEqualTo("yes");
        assertThat(browser.findElement(By.id("refreshed")).getText()).startsWith("updated");
    }

    @Test
    void thePatientChartHasOneMarkPerNightWithCramps() {
        Patient p = Patient.create();
        OffsetDateTime today3am = OffsetDateTime.now(ZoneOffset.ofHours(1)).withHour(3).truncatedTo(ChronoUnit.HOURS);
        // Four cramps on three nights (the night of a cramp at 03:00 on day D is D-1: domain.md); the long one raises
        // an URGENT escalation, marked under its night.
        p.log(episode(today3am.minusDays(2), 12 * 60, 6, true));
        p.log(episode(today3am.minusDays(5), 120, 4, true));
        p.log(episode(today3am.minusDays(5).plusMinutes(90), 200, 9, false));
        p.log(episode(today3am.minusDays(9), 45, 2, false));
        // Reported at 13:00 +10:00 (03:00 UTC): the night is that local date (13:00 - 12 h), not the UTC day before.
        OffsetDateTime farEast = OffsetDateTime.now(ZoneOffset.ofHours(10)).minusDays(12).withHour(13).truncatedTo(ChronoUnit.HOURS);
        p.log(episode(farEast, 30, 1, false));
        p.awaitOpen(2); // LONG_CRAMP and SIGNIFICANT_PAIN
        p.awaitSent(2);
        List<String> nights = List.of(today3am.minusDays(3).toLocalDate(), today3am.minusDays(6).toLocalDate(),
                today3am.minusDays(10).toLocalDate(), farEast.toLocalDate()).stream().map(Object::toString).sorted().toList();

        signIn();
        browser.get(dashboard.url() + "/patients/" + p.id);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nights-chart")));
        List<WebElement> bars = browser.findElements(By.cssSelector("#nights-chart rect.night-bar"));
        assertThat(bars).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#nights-chart g.night")).stream().map(g -> g.getAttribute("data-night")).sorted().toList())
                .isEqualTo(nights);
        assertThat(browser.findElements(By.cssSelector("#nights-chart .escalation-mark"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#nights-chart circle.woke"))).hasSize(2);
        assertThat(browser.findElement(By.id("chart-summary")).getText()).startsWith("4 of the last 56 nights had cramps");
        assertThat(browser.findElements(By.cssSelector("section.episodes tbody tr"))).hasSize(5);
        assertThat(browser.findElement(By.cssSelector("section.episodes")).getText()).contains("+10:00");
        assertThat(browser.findElement(By.id("patientEmail")).getAttribute("value")).isEqualTo(p.email);
        assertThat(browser.findElements(By.cssSelector("section.deliveries tbody tr")).size()).isGreaterThanOrEqualTo(2);
        screenshot("patient");
    }

    @Test
    void acknowledgingWithANoteTakesTheRowOffTheOpenList() {
        Patient p = Patient.create();
        p.log(episode(hoursAgo(2), 15 * 60, 5, false));          // LONG_CRAMP
        String id = p.awaitOpen(1).get(0);

        signIn();
        By row = By.cssSelector("tr[data-escalation='" + id + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        WebElement note = browser.findElement(By.id("note-" + id));
        note.sendKeys("Called the patient; seen in clinic tomorrow");
        browser.findElement(row).findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.urlContains("done=ack"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("Acknowledged");
        assertThat(browser.findElements(row)).isEmpty();
        assertThat(p.escalation(id)).containsEntry("status", "ACKNOWLEDGED").containsEntry("acknowledgedBy", CLINICIAN_ID);
        screenshot("acknowledged");

        // Still listed under "Acknowledged", with who did it.
        browser.get(dashboard.url() + "/?status=ACKNOWLEDGED");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(browser.findElement(row).getText()).contains("Acknowledged by " + CLINICIAN_ID);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        Patient p = Patient.create();
        p.log(episode(hoursAgo(2), 60, 10, false));              // DEBILITATING_PAIN
        String id = p.awaitOpen(1).get(0);
        signIn();

        // The signed-in browser, its session cookie and all, posts the form's fields but not the CSRF token.
        Object status = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/escalations/' + arguments[0] + '/acknowledge', { method: 'POST', credentials: 'same-origin',
                    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'note=forged' })
                  .then(r => done(r.status), e => done(String(e)));""", id);
        assertThat(status).isEqualTo(403L);

        // The same as a form the clinician's browser submits: the refusal page, and nothing changed.
        browser.executeScript("""
                const f = document.createElement('form');
                f.method = 'post'; f.action = '/escalations/' + arguments[0] + '/acknowledge';
                const n = document.createElement('input'); n.name = 'note'; n.value = 'forged'; f.appendChild(n);
                document.body.appendChild(f); f.submit();""", id);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Refused"));
        assertThat(browser.findElement(By.cssSelector("section.problem")).getText()).contains("CSRF");
        screenshot("refused");
        assertThat(p.escalation(id)).containsEntry("status", "OPEN");
    }

    // ---------------------------------------------------------------- helpers

    /** The development sign-in, through its form; lands on the work list. */
    void signIn() {
        browser.get(dashboard.url() + "/signin");
        WebElement id = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clinician")));
        id.clear();
        id.sendKeys(CLINICIAN_ID);
        browser.findElement(By.cssSelector("form[action='/signin'] button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(dashboard.url() + "/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rows")));
    }

    /** The whole page, however long, as target/screenshots/NAME.png. */
    void screenshot(String name) {
        Dimension before = browser.manage().window().getSize();
        long height = (Long) browser.executeScript("return Math.ceil(document.documentElement.scrollHeight);");
        browser.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.max(before.getHeight(), height + 140)));
        File png = browser.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        browser.manage().window().setSize(before);
    }

    static OffsetDateTime hoursAgo(int hours) {
        return OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(hours).truncatedTo(ChronoUnit.SECONDS);
    }

    static String episode(OffsetDateTime startedAt, int seconds, int pain, boolean woke) {
        return """
                {"startedAt":"%s","durationSeconds":%d,"site":"CALF","side":"LEFT","painScore":%d,"wokeFromSleep":%s,
                 "relievedBy":["STRETCHING"],"symptoms":[],"exposures":[]}"""
                .formatted(startedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), seconds, pain, woke);
    }

    /** A patient of this test's own, with contacts (so its escalations send email), talking to the services' APIs. */
    record Patient(String id, String email, String clinicianEmail) {
        static Patient create() {
            String id = "p-ui-" + UUID.randomUUID().toString().substring(0, 8);
            Patient p = new Patient(id, id + "@patients.example", "clinic-" + id + "@clinic.example");
            smtp.setUser(p.email, p.email, p.email);
            smtp.setUser(p.clinicianEmail, p.clinicianEmail, p.clinicianEmail);
            given().auth().oauth2(CLINICIAN).contentType(ContentType.JSON)
                    .body(Map.of("patient", Map.of("email", p.email, "minLevel", "URGENT"),
                            "clinicians", List.of(Map.of("email", p.clinicianEmail, "minLevel", "SEE_DOCTOR"))))
                    .put(Services.url("notification-service") + "/patients/" + id + "/contacts").then().statusCode(200);
            return p;
        }

        String log(String json) {
            return given().auth().oauth2(DevTokens.patient(id)).contentType(ContentType.JSON).body(json)
                    .post(Services.url("episode-service") + "/patients/" + id + "/episodes").then().statusCode(201)
                    .extract().path("id");
        }

        /** Waits until the patient has {@code n} open escalations; their ids, most urgent first. */
        List<String> awaitOpen(int n) {
            return await("open escalations of " + id).atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                    given().auth().oauth2(CLINICIAN).queryParam("patientId", id).queryParam("status", "OPEN")
                            .get(Services.url("advice-service") + "/escalations").then().statusCode(200)
                            .extract().jsonPath().<String>getList("items.id"), ids -> ids.size() == n);
        }

        Map<String, Object> escalation(String escalationId) {
            return given().auth().oauth2(CLINICIAN).queryParam("patientId", id).queryParam("limit", 200)
                    .get(Services.url("advice-service") + "/escalations").then().statusCode(200).extract().jsonPath()
                    .getMap("items.find { it.id == '" + escalationId + "' }");
        }

        /** Waits until {@code n} emails about this patient went out (the delivery log). */
        void awaitSent(int n) {
            await("emails about " + id).atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                    given().auth().oauth2(CLINICIAN).queryParam("patientId", id).queryParam("status", "SENT")
                            .get(Services.url("notification-service") + "/notifications").then().statusCode(200)
                            .extract().jsonPath().getList("items").size() >= n);
        }
    }
}
