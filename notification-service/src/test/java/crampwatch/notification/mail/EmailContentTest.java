package crampwatch.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Renders every patient and clinician email — each rule at each level, for a fresh and an older episode,
 * with and without the event's episodeStartedAt, with the default and with a clinic's own thresholds — from
 * the real templates and checks the wording rules of docs/notifications.md ("What the emails say").
 * Plain unit test: no Quarkus, no broker, no SMTP.
 */
class EmailContentTest {

    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    static final Duration WINDOW = Duration.ofHours(24);

    /** Every rule the contract knows (and the two announced in issue 18), with the reason advice-service writes. */
    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("LONG_CRAMP", "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit."),
            Map.entry("PERSISTENT_OVER_TWO_WEEKS", "Cramps have kept coming for more than 14 days, from 2026-11-03 to "
                    + "2026-11-20, without a cramp-free break of 14 days, and after 17 days a doctor should take a look."),
            Map.entry("DEBILITATING_PAIN", "A cramp on 2026-11-20 was rated 10 out of 10 for pain, at the 10 that counts as debilitating."),
            Map.entry("TOXIC_EXPOSURE", "A cramp on 2026-11-20 followed contact with a hazardous substance."),
            Map.entry("CONTAMINATED_WOUND", "A cramp on 2026-11-20 followed a cut that came into contact with dirt or another "
                    + "source of infection."),
            Map.entry("SIGNIFICANT_PAIN", "A cramp on 2026-11-20 was rated 8 out of 10 for pain, at or above the 7 that calls "
                    + "for a doctor's visit."),
            Map.entry("LEG_CHANGES", "A cramp on 2026-11-20 came with swelling and numbness in the leg."),
            Map.entry("OTHER_MUSCLES", "A cramp on 2026-11-20 was in a muscle outside the feet and legs."),
            Map.entry("FREQUENT_SLEEP_DISRUPTION", "Cramps woke the patient on 3 different nights from the night of 2026-11-13 "
                    + "to the night of 2026-11-19, reaching the limit of 3 nights in any 7."),
            Map.entry("NOT_HELPED_BY_SELF_CARE", "Nothing eased the cramps on 3 different nights."),
            Map.entry("NEW_MEDICINE", "Cramps began within 30 days of starting a medicine."),
            Map.entry("SOME_FUTURE_RULE", "Something new."));

    /** How the episode's start is given: started within the window, long before, exactly at its edge, or not at all. */
    enum Start {
        FRESH(NOW.minus(Duration.ofHours(3)), true),
        JUST_INSIDE(NOW.minus(WINDOW).plusSeconds(1), true),
        AT_THE_EDGE(NOW.minus(WINDOW), false),
        OLD(NOW.minus(Duration.ofDays(3)), false),
        ABSENT_RAISED_NOW(null, true),
        ABSENT_RAISED_LONG_AGO(null, false);

        final Instant at;
        final boolean recent;

        Start(Instant at, boolean recent) {
            this.at = at;
            this.recent = recent;
        }

        OffsetDateTime episodeStartedAt() {
            return at == null ? null : at.atOffset(ZoneOffset.ofHours(1));
        }

        Instant raisedAt() {
            return this == ABSENT_RAISED_LONG_AGO ? NOW.minus(Duration.ofDays(20)) : NOW.minus(Duration.ofMinutes(5));
        }
    }

    record Case(Thresholds thresholds, Audience audience, Level level, String rule, Start start, RenderedEmail email) {
        String all() {
            return email.subject() + "\n" + email.text() + "\n" + plain(email.html());
        }

        @Override
        public String toString() {
            return audience + "/" + level + "/" + rule + "/" + start + "/" + thresholds.longCrampSeconds() + "s";
        }
    }

    static final Thresholds CLINIC = new Thresholds(900, 21, 10, 9, 6, 4, 10, 4, 21, 45);

    static List<Case> renderAll() {
        List<Case> out = new ArrayList<>();
        for (Thresholds t : List.of(Thresholds.DEFAULTS, CLINIC)) {
            EmailComposer composer = StandaloneEmails.composer(t, WINDOW);
            for (Audience audience : Audience.values()) {
                for (Level level : Level.values()) {
                    for (String rule : REASONS.keySet()) {
                        for (Start start : Start.values()) {
                            RenderedEmail email = composer.compose(audience, level, "p-123", rule, REASONS.get(rule),
                                    start.raisedAt(), start.episodeStartedAt(), NOW);
                            out.add(new Case(t, audience, level, rule, start, email));
                        }
                    }
                }
            }
        }
        return out;
    }

    static String plain(String html) {
        return html.replaceAll("(?s)<head>.*?</head>", " ").replaceAll("<[^>]+>", "\n\n").replace("&#39;", "'")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    }

    /**
     * The sentences of a text: paragraphs (blank lines) whose lines are joined, split after . ! or ?; the
     * lines of a "Label:   value" table and the signature's "--" each stand alone.
     */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            List<String> parts = paragraph.lines().anyMatch(l -> l.matches("^[A-Z][A-Za-z ]+:\\s{2,}.*"))
                    ? paragraph.lines().toList() : List.of(paragraph.replace('\n', ' '));
            for (String part : parts) {
                // a table row's label ("Reason:        ") is not part of the sentence it shows
                for (String s : part.trim().replaceFirst("^[A-Z][A-Za-z ]+:\\s{2,}", "").split("(?<=[.!?])\\s+")) {
                    if (!s.isBlank() && !s.equals("--")) {
                        out.add(s.trim());
                    }
                }
            }
        }
        return out;
    }

    static int words(String sentence) {
        return sentence.trim().split("\\s+").length;
    }

    static final Pattern NOW_WORD = Pattern.compile("(?i)\\bnow\\b");
    static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Test
    void noSentenceIsLongerThanThirtyWords() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : renderAll()) {
            for (String part : List.of(c.email().text(), plain(c.email().html()))) {
                for (String s : sentences(part)) {
                    soft.assertThat(words(s)).as("%s: \"%s\"", c, s).isLessThanOrEqualTo(30);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void urgentSaysNowOnlyForAnEpisodeWithinTheWindow() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : renderAll()) {
            if (c.audience() != Audience.PATIENT) {
                continue;
            }
            if (!c.start().recent) {
                // Old episode: no "now" anywhere in what the patient sees, whatever the level or rule.
                soft.assertThat(NOW_WORD.matcher(c.all()).find()).as("%s says \"now\"", c).isFalse();
            }
            if (c.level() == Level.URGENT) {
                if (c.start().recent) {
                    soft.assertThat(c.email().subject()).as("%s", c).isEqualTo("Urgent: please get emergency care now (CrampWatch)");
                    soft.assertThat(c.email().text()).as("%s", c).contains("Seek emergency care now.",
                            "Go to an emergency department or call your local emergency number.");
                    soft.assertThat(c.email().text()).as("%s", c).doesNotContain("at the time");
                } else {
                    soft.assertThat(c.email().subject()).as("%s", c).isEqualTo("Urgent: please read this today (CrampWatch)");
                    soft.assertThat(c.email().text().replaceAll("\\s+", " ")).as("%s", c).contains(
                            "A cramp like this needed emergency care at the time it happened.",
                            "If it is happening again or is still going on, seek emergency care",
                            "Otherwise, contact your doctor today");
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void clinicianSubjectsCarryTheLevelAndPatientIdOnly() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : renderAll()) {
            String subject = c.email().subject();
            if (c.audience() == Audience.CLINICIAN) {
                soft.assertThat(subject).as("%s", c).isEqualTo(
                        (c.level() == Level.URGENT ? "Urgent: " : "See a doctor: ") + "patient p-123 (CrampWatch)");
                // the clinician still learns the facts in the body
                soft.assertThat(c.email().text()).as("%s", c).contains("Rule:          " + c.rule(), REASONS.get(c.rule()));
            } else {
                soft.assertThat(subject).as("%s", c).startsWith(c.level() == Level.URGENT ? "Urgent: " : "See a doctor: ")
                        .endsWith(" (CrampWatch)").doesNotContain(c.rule())
                        .doesNotContainPattern("(?i)\\b(cramps?|pain|leg|swelling|numbness|medicine)\\b");
            }
        }
        soft.assertAll();
    }

    @Test
    void patientEmailsCarryTheNoticeAndItNeverUndercutsTheInstruction() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : renderAll()) {
            if (c.audience() != Audience.PATIENT) {
                continue;
            }
            for (String part : List.of(c.email().text(), plain(c.email().html()))) {
                String flat = part.replaceAll("\\s+", " ");
                soft.assertThat(flat).as("%s", c).contains(
                        "About this email: it is general information from CrampWatch, not a diagnosis. "
                                + "It does not replace your doctor or emergency services.");
                soft.assertThat(flat).as("%s", c).doesNotContainIgnoringCase("not medical advice")
                        .doesNotContainIgnoringCase("not a substitute");
                // the notice comes last, after the link: never directly under "go to an emergency department"
                soft.assertThat(flat.indexOf("About this email")).as("%s", c).isGreaterThan(flat.indexOf("See this alert in CrampWatch"));
            }
        }
        soft.assertAll();
    }

    @Test
    void patientsAreYouDatesAreWordsAndTheWordsArePlain() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : renderAll()) {
            if (c.audience() != Audience.PATIENT) {
                continue;
            }
            String all = c.all();
            soft.assertThat(all).as("%s", c).doesNotContainIgnoringCase("the patient").doesNotContainIgnoringCase("patient's")
                    .doesNotContainIgnoringCase("debilitating").doesNotContainIgnoringCase("hazardous")
                    .doesNotContainIgnoringCase("quinine").doesNotContain(" min ").doesNotContain(" s,");
            soft.assertThat(ISO_DATE.matcher(all).find()).as("%s shows an ISO date", c).isFalse();
            if (!c.rule().equals("NEW_MEDICINE")) {
                // the episode's own local date (its offset), or the raise date when the event did not say
                String day = c.start() == Start.ABSENT_RAISED_LONG_AGO ? "31 October" : c.start().at == null ? "20 November"
                        : c.start() == Start.OLD ? "17 November" : c.start() == Start.FRESH ? "20 November" : "19 November";
                soft.assertThat(all).as("%s", c).contains(day);
            }
            soft.assertThat(c.email().text()).as("%s", c).contains("What we noticed: ");
        }
        // Clinicians: our own words are plain too (the reason is advice-service's sentence and is shown as written).
        for (Case c : renderAll()) {
            if (c.audience() == Audience.CLINICIAN) {
                String ours = c.all().replace(REASONS.get(c.rule()), "").replace(c.rule(), "");
                soft.assertThat(ours).as("%s", c).doesNotContainIgnoringCase("debilitating").doesNotContainIgnoringCase("hazardous")
                        .doesNotContainIgnoringCase("quinine");
            }
        }
        soft.assertAll();
    }

    @Test
    void everyNumberComesFromTheConfiguredThresholds() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : renderAll()) {
            String all = c.all().replace(REASONS.get(c.rule()), "");
            Thresholds t = c.thresholds();
            switch (c.rule()) {
                case "LONG_CRAMP" -> soft.assertThat(all).as("%s", c).contains("more than " + t.longCramp());
                case "PERSISTENT_OVER_TWO_WEEKS" -> soft.assertThat(all).as("%s", c).contains(c.audience() == Audience.PATIENT
                        ? "cramps on and off for more than " + t.persistentDays() + " days, up to"
                        : "cramps on and off for more than " + t.persistentDays() + " days without a " + t.runGapDays() + "-day break")
                        .contains("without a " + t.runGapDays() + "-day break");
                case "SIGNIFICANT_PAIN" -> soft.assertThat(all).as("%s", c).contains(t.significant());
                case "DEBILITATING_PAIN" -> soft.assertThat(all).as("%s", c).contains(t.debilitating());
                case "FREQUENT_SLEEP_DISRUPTION" -> soft.assertThat(all).as("%s", c)
                        .contains(t.sleepDisruptionNights() + " or more", "within " + t.sleepWindowNights() + " nights");
                case "NOT_HELPED_BY_SELF_CARE" -> soft.assertThat(all).as("%s", c)
                        .contains(t.notHelpedNights() + " or more nights within " + t.notHelpedWindowNights() + " nights");
                case "NEW_MEDICINE" -> soft.assertThat(all).as("%s", c)
                        .contains("within " + t.newMedicineDays() + " days of starting a medicine");
                default -> {
                }
            }
            if (c.level() == Level.SEE_DOCTOR && c.audience() == Audience.PATIENT && !c.rule().equals("LEG_CHANGES")) {
                soft.assertThat(all).as("%s", c).contains("If a cramp lasts more than " + t.longCramp());
            }
            if (t == CLINIC) {
                // a clinic with its own numbers never sees the defaults in our words
                soft.assertThat(all).as("%s", c).doesNotContain("10 minutes", "7 to 9", "14 days", "14-day", "3 or more",
                        "7 nights", "10 out of 10", "30 days");
            }
        }
        assertThat(CLINIC.longCramp()).isEqualTo("15 minutes");
        assertThat(CLINIC.significant()).isEqualTo("6 to 8 out of 10");
        assertThat(CLINIC.debilitating()).isEqualTo("9 or more out of 10");
        assertThat(new Thresholds(90, 14, 14, 10, 9, 3, 7, 3, 14, 30).longCramp()).isEqualTo("90 seconds");
        assertThat(new Thresholds(600, 14, 14, 10, 9, 3, 7, 3, 14, 30).significant()).isEqualTo("9 out of 10");
        soft.assertAll();
    }

    @Test
    void legChangesCarryTheClotWarningForTheSameDay() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : renderAll()) {
            String text = c.email().text().replaceAll("\\s+", " ");
            if (!c.rule().equals("LEG_CHANGES") || c.level() != Level.SEE_DOCTOR) {
                soft.assertThat(text).as("%s", c).doesNotContain("blood clot").doesNotContain("deep vein thrombosis");
                continue;
            }
            if (c.audience() == Audience.PATIENT) {
                soft.assertThat(c.email().subject()).isEqualTo("See a doctor: please get checked today (CrampWatch)");
                soft.assertThat(text).as("%s", c).contains("a sign of a blood clot in the leg",
                        "If one leg is swollen, warm or painful, see a doctor today.",
                        "If you are short of breath or have chest pain, call your local emergency number straight away.");
                soft.assertThat(text.indexOf("see a doctor today")).as("%s: same day before 'coming days'", c)
                        .isLessThan(text.indexOf("in the coming days"));
            } else {
                soft.assertThat(text).as("%s", c).contains("assess this patient the same day for a possible deep vein thrombosis",
                        "short of breath or have chest pain");
            }
        }
        soft.assertAll();
    }

    @Test
    void persistentCrampsSayWhatWasMeasured() {
        EmailComposer composer = StandaloneEmails.composer(Thresholds.DEFAULTS, WINDOW);
        RenderedEmail patient = composer.compose(Audience.PATIENT, Level.SEE_DOCTOR, "p-1", "PERSISTENT_OVER_TWO_WEEKS",
                REASONS.get("PERSISTENT_OVER_TWO_WEEKS"), NOW, OffsetDateTime.parse("2026-11-20T02:14:00+01:00"), NOW);
        assertThat(patient.text()).contains("What we noticed: You have had cramps on and off for more than 14 days, up to "
                + "20 November, without a 14-day break.").doesNotContain("have not eased");
        RenderedEmail clinician = composer.compose(Audience.CLINICIAN, Level.SEE_DOCTOR, "p-1", "PERSISTENT_OVER_TWO_WEEKS",
                REASONS.get("PERSISTENT_OVER_TWO_WEEKS"), NOW, OffsetDateTime.parse("2026-11-20T02:14:00+01:00"), NOW);
        assertThat(clinician.text()).contains("PERSISTENT_OVER_TWO_WEEKS (cramps on and off for more than 14 days without a "
                + "14-day break)", "Cramp started: 20 November 2026, 02:14 (UTC+01:00)");
    }

    @Test
    void theEpisodesLocalDateIsUsedAndTheYearOnlyWhenItIsNotThisYear() {
        EmailComposer composer = StandaloneEmails.composer(Thresholds.DEFAULTS, WINDOW);
        // 00:30 at +01:00 is still 19 November in UTC: the patient's own date counts
        RenderedEmail local = composer.compose(Audience.PATIENT, Level.URGENT, "p-1", "LONG_CRAMP", "r", NOW,
                OffsetDateTime.parse("2026-11-20T00:30:00+01:00"), NOW);
        assertThat(local.text()).contains("On 20 November, you had a cramp that lasted more than 10 minutes.");
        RenderedEmail lastYear = composer.compose(Audience.PATIENT, Level.URGENT, "p-1", "LONG_CRAMP", "r", NOW,
                OffsetDateTime.parse("2025-12-30T23:00:00-05:00"), NOW);
        assertThat(lastYear.text()).contains("On 30 December 2025, you had a cramp");
    }

    @Test
    void theWindowIsConfigurable() {
        EmailComposer sixHours = StandaloneEmails.composer(Thresholds.DEFAULTS, Duration.ofHours(6));
        OffsetDateTime sevenHoursAgo = NOW.minus(Duration.ofHours(7)).atOffset(ZoneOffset.UTC);
        RenderedEmail patient = sixHours.compose(Audience.PATIENT, Level.URGENT, "p-1", "LONG_CRAMP", "r", NOW, sevenHoursAgo, NOW);
        assertThat(patient.text()).contains("needed emergency care at the time").doesNotContainPattern("(?i)\\bnow\\b");
        RenderedEmail clinician = sixHours.compose(Audience.CLINICIAN, Level.URGENT, "p-1", "LONG_CRAMP", "r", NOW, sevenHoursAgo, NOW);
        assertThat(clinician.text()).contains("The cramp started more than 6 hours before this email.");
        assertThat(EmailComposer.inWords(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(EmailComposer.inWords(Duration.ofDays(2))).isEqualTo("48 hours");
    }

    @Test
    void htmlEscapesWhatItShows() {
        EmailComposer composer = StandaloneEmails.composer(Thresholds.DEFAULTS, WINDOW);
        RenderedEmail email = composer.compose(Audience.CLINICIAN, Level.URGENT, "p-1", "LONG_CRAMP",
                "A cramp <b>lasted</b> 11 min & more.", NOW, null, NOW);
        assertThat(email.html()).contains("A cramp &lt;b&gt;lasted&lt;/b&gt; 11 min &amp; more.");
        assertThat(email.text()).contains("A cramp <b>lasted</b> 11 min & more.");
    }

    @Test
    void aChainStepIsTheClinicianEmailSaidToBeAReminderWithTheSameLink() {
        EmailComposer composer = StandaloneEmails.composer(Thresholds.DEFAULTS, WINDOW);
        java.util.List<EmailComposer.Alert> alert = java.util.List.of(new EmailComposer.Alert(Level.URGENT, "LONG_CRAMP",
                "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.", null));
        RenderedEmail first = composer.compose(Audience.CLINICIAN, "p-1", alert, NOW, NOW);
        RenderedEmail step = composer.compose(Audience.CLINICIAN, "p-1", alert, NOW, NOW, 3);
        assertThat(step.subject()).isEqualTo("Urgent, not yet acknowledged (reminder 3): patient p-1 (CrampWatch)");
        assertThat(step.text()).contains("REMINDER 3: nobody has acknowledged this urgent alert yet.",
                "and to the clinic's on-call addresses, if any.", "Open the work list: http://localhost:8080/clinic/escalations?status=OPEN&patientId=p-1");
        assertThat(step.html()).contains("Reminder 3: nobody has acknowledged this urgent alert yet.",
                "status=OPEN");
        // The first email is as it was: no reminder, no on-call.
        assertThat(first.subject()).isEqualTo("Urgent: patient p-1 (CrampWatch)");
        assertThat(first.text() + first.html()).doesNotContainIgnoringCase("reminder").doesNotContain("on-call");
        // Apart from the reminder paragraph and the footer, a step says what the first email says.
        assertThat(step.text()).contains(first.text().substring(0, first.text().indexOf("--")).replace(
                "URGENT escalation in CrampWatch\n", ""));
    }
}
