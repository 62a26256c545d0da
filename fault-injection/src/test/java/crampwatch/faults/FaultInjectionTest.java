package crampwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import crampwatch.testsupport.Broker;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.Ports;
import crampwatch.testsupport.SmtpRelayProxy;
import crampwatch.testsupport.PostgresCluster;
import crampwatch.testsupport.Services;
import crampwatch.testsupport.TestRun;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault-injection suite (issue 11, docs/reliability.md): the whole system — two instances of each
 * service, a PostgreSQL cluster, a Kafka broker and an SMTP server (GreenMail behind {@link SmtpRelayProxy}),
 * all of this suite's own — under a steady load of episodes ({@link Load}) while one fault at a time is
 * injected. After each scenario, once everything is back, the invariants are checked from the stored
 * state and the inbox, and a row of the table is printed. {@code -Dcrampwatch.faults.size=full} runs
 * the long outages ({@code bin/faults}); the default is the short version that runs in {@code bin/test}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {

    /** The two sizes: the short one for every test run, the full one for {@code bin/faults}. */
    record Size(String name, int patients, double rate, Duration warm, Duration after, Duration kafka, Duration postgres,
                Duration readOnly, Duration smtpDown, Duration smtpSlow, Duration crash, Duration burst, Duration quiet,
                Duration recoverAtMost) {
        static Size of(String name) {
            return switch (name) {
                case "full" -> new Size("full", 45, 5, s(10), s(10), s(30), s(30), s(15), s(60), s(60), s(30), s(30), s(10), s(600));
                case "short" -> new Size("short", 12, 4, s(2), s(1), s(5), s(5), s(5), s(5), s(5), s(5), s(5), s(2), s(180));
                default -> throw new IllegalArgumentException("crampwatch.faults.size is short or full, not " + name);
            };
        }

        private static Duration s(int seconds) {
            return Duration.ofSeconds(seconds);
        }
    }

    static final Size SIZE = Size.of(System.getProperty("crampwatch.faults.size", "short"));
    static final List<String> SERVICES = List.of("episode-service", "advice-service", "notification-service");
    static final String CLINICIAN = DevTokens.clinician("dr-faults");

    static PostgresCluster postgres;
    static Broker broker;
    static GreenMail greenMail;
    static SmtpRelayProxy smtp;
    static Services services;
    static KafkaTopic episodesDlq;
    static KafkaTopic escalationsDlq;
    static final List<Row> TABLE = new ArrayList<>();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static int scenarioNumber;
    static final long SUITE_STARTED = System.nanoTime();
    /** The emails of the last measured row that arrived more than once or were not demanded (ids only). */
    static volatile List<String> lastEvidence = List.of();

    @BeforeAll
    static void startTheSystem() {
        Assumptions.assumeTrue(PostgresCluster.available(), "PostgreSQL server binaries (initdb, pg_ctl) are not available here");
        long started = System.nanoTime();
        postgres = PostgresCluster.create("faults");
        broker = Broker.ofThisRun("faults").withoutSharedTopics();
        broker.start();
        for (String topic : List.of("cramp-episodes", "cramp-escalations")) {
            KafkaTopic.ensure(broker.bootstrapServers(), Services.topic(topic));
        }
        episodesDlq = KafkaTopic.fromBeginning(broker.bootstrapServers(), Services.topic("cramp-episodes") + ".dlq");
        escalationsDlq = KafkaTopic.fromBeginning(broker.bootstrapServers(), Services.topic("cramp-escalations") + ".dlq");
        greenMail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        smtp = new SmtpRelayProxy(Ports.free(), greenMail.getSmtp().getPort());
        services = new Services(smtp.port()).instances(2).database(postgres.host(), postgres.port())
                .kafka(broker.bootstrapServers())
                // Retries that outlast a 60 s relay outage (1 s doubling to 10 s, 12 attempts ≈ 85 s), still quick to recover.
                .with("CRAMPWATCH_DELIVERY_INITIAL_BACKOFF", "1s")
                .with("CRAMPWATCH_DELIVERY_MAX_BACKOFF", "10s")
                .with("CRAMPWATCH_DELIVERY_MAX_ATTEMPTS", "12")
                // A sender killed mid-conversation leaves its row SENDING until the lease runs out: 60 s, not 5 min,
                // so the suite sees the retry; still longer than the slowest conversation (3–5 s × 7 replies).
                .with("CRAMPWATCH_DELIVERY_SENDING_LEASE", "60s")
                .with("CRAMPWATCH_DB_POOL_MAX", "10");
        services.startAll();
        System.out.printf("[faults] %s size; the system (2 × 3 services, %s, broker %s, SMTP proxy :%d) up in %d s%n",
                SIZE.name(), postgres, broker.bootstrapServers(), smtp.port(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        printTable();
        System.out.printf("[faults] %s suite: %d s%n", SIZE.name(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - SUITE_STARTED));
        if (services != null) {
            services.stopAll();
        }
        for (AutoCloseable c : new AutoCloseable[] {episodesDlq, escalationsDlq, smtp}) {
            if (c != null) {
                c.close();
            }
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (broker != null) {
            broker.destroy();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // ------------------------------------------------------------------ the scenarios

    @Test
    @Order(1)
    void kafkaBrokerKilledAndRestarted() {
        scenario("Kafka broker kill -9, back after " + SIZE.kafka().toSeconds() + " s", SIZE.kafka(), load -> broker.kill(), load -> broker.start());
    }

    @Test
    @Order(2)
    void postgresStoppedImmediatelyAndStarted() {
        scenario("PostgreSQL stopped (immediate), back after " + SIZE.postgres().toSeconds() + " s", SIZE.postgres(),
                load -> postgres.stopImmediately(), load -> postgres.start());
    }

    @Test
    @Order(3)
    void postgresReadOnly() {
        scenario("PostgreSQL read-only for " + SIZE.readOnly().toSeconds() + " s", SIZE.readOnly(),
                load -> postgres.readOnly(true), load -> postgres.readOnly(false));
    }

    @Test
    @Order(4)
    void smtpDown() {
        scenario("SMTP down for " + SIZE.smtpDown().toSeconds() + " s", SIZE.smtpDown(), load -> smtp.down(), load -> smtp.up(), true);
    }

    @Test
    @Order(5)
    void smtpSlow() {
        scenario("SMTP answering after 3–5 s for " + SIZE.smtpSlow().toSeconds() + " s", SIZE.smtpSlow(),
                load -> smtp.slow(3_000, 5_000), load -> smtp.up());
    }

    @Test
    @Order(6)
    void oneInstanceOfEachServiceKilled() {
        Map<String, Integer> victims = new HashMap<>();
        List<CompletableFuture<Void>> kills = new ArrayList<>();
        scenario("kill -9 of one instance of each service, restarted after " + SIZE.crash().toSeconds() + " s", SIZE.crash(),
                load -> {
                    for (String service : SERVICES) {
                        int instance = 1 + ThreadLocalRandom.current().nextInt(2);
                        long at = ThreadLocalRandom.current().nextLong(SIZE.crash().toMillis() / 2);
                        victims.put(service, instance);
                        // A random moment within the first half of the window: the crash itself is the fault.
                        kills.add(CompletableFuture.runAsync(() -> crash(service, instance),
                                CompletableFuture.delayedExecutor(at, TimeUnit.MILLISECONDS)));
                    }
                },
                load -> {
                    CompletableFuture.allOf(kills.toArray(CompletableFuture[]::new)).join();
                    victims.forEach((service, instance) -> services.start(service, instance));
                    victims.forEach((service, instance) -> services.awaitReady(service, instance));
                }, true);
    }

    @Test
    @Order(7)
    void cleanStopAndStartOfOneInstance() {
        // The short size restarts one consumer instance (each JVM start costs half a minute on a busy 2-core machine).
        List<String> consumers = SIZE.name().equals("full") ? List.of("advice-service", "notification-service") : List.of("advice-service");
        scenario("clean stop of instance 2 of " + String.join(" and ", consumers) + ", started after " + SIZE.crash().toSeconds()
                        + " s (a rebalance at each)", SIZE.crash(),
                load -> consumers.forEach(service -> stop(service, 2)),
                load -> {
                    consumers.forEach(service -> services.start(service, 2));
                    consumers.forEach(service -> services.awaitReady(service, 2));
                });
    }

    @Test
    @Order(8)
    void burstOfTenTimesTheRate() {
        scenario("burst of 10× the steady rate for " + SIZE.burst().toSeconds() + " s", SIZE.burst(),
                load -> load.rate(SIZE.rate() * 10), load -> load.rate(SIZE.rate()));
    }

    // ------------------------------------------------------------------ running one

    interface Step {
        void run(Load load) throws Exception;
    }

    private void scenario(String name, Duration faultFor, Step inject, Step restore) {
        scenario(name, faultFor, inject, restore, false);
    }

    /**
     * Runs one scenario. {@code cutsSmtp}: the fault can cut an SMTP conversation after the relay took the
     * mail but before its answer reached the sender (the relay going down, a sender killed); the sender
     * then sends the mail again under the same Message-ID — at least once at the relay boundary
     * (docs/notifications.md). Such a resend is counted in its own column and allowed only there, and only
     * for a delivery whose row shows a failed attempt.
     */
    private void scenario(String name, Duration faultFor, Step inject, Step restore, boolean cutsSmtp) {
        String prefix = "f" + (++scenarioNumber) + "-" + TestRun.id() + "-";
        List<String> episodeUrls = List.of(services.url("episode-service", 1), services.url("episode-service", 2));
        int dlqBefore = dlqRecords();
        Row row;
        try (Load load = new Load(prefix, SIZE.patients(), episodeUrls, SIZE.rate())) {
            load.patients().forEach(FaultInjectionTest::contacts);
            System.out.printf("[faults] %s: patients %s*, load %.0f/s%n", name, prefix, SIZE.rate());
            load.start();
            hold(SIZE.warm());
            inject.run(load);
            System.out.printf("[faults] %s: fault injected%n", name);
            hold(faultFor);
            restore.run(load);
            long restoredAt = System.nanoTime();
            System.out.printf("[faults] %s: restored%n", name);
            hold(SIZE.after());
            load.stop();
            long recovered;
            try {
                await(name + " recovered").atMost(SIZE.recoverAtMost()).pollInterval(Duration.ofSeconds(1))
                        .until(() -> measure(name, prefix, load, dlqBefore, cutsSmtp, 0).settled());
                long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restoredAt);
                recovered = took;
                // Anything stray (a second email, a late duplicate) has time to show before the row is taken.
                Row settled = measure(name, prefix, load, dlqBefore, cutsSmtp, took);
                await(name + " stays settled").during(SIZE.quiet()).atMost(SIZE.quiet().plusSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> measure(name, prefix, load, dlqBefore, cutsSmtp, took).equals(settled));
            } catch (ConditionTimeoutException e) {
                recovered = -1;
            }
            row = measure(name, prefix, load, dlqBefore, cutsSmtp, recovered);
            lastEvidence.forEach(line -> System.out.println("[faults] " + name + ": more than one email: " + line));
        } catch (Exception e) {
            throw new IllegalStateException(name + " could not be run", e);
        }
        TABLE.add(row);
        printTable();
        assertThat(row.violations()).as(name + ": " + row.line()).isEmpty();
    }

    private static void hold(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis()); // a deliberate phase of the scenario (load before, during, after a fault), not a wait for a condition
    }

    private static void crash(String service, int instance) {
        try {
            services.crash(service, instance);
            System.out.printf("[faults] kill -9 %s instance %d%n", service, instance);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(String service, int instance) {
        try {
            services.stop(service, instance);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The clinic records the patient (URGENT and up) and a clinician of the patient's own (SEE_DOCTOR and up). */
    private static void contacts(Load.Patient p) {
        greenMail.setUser(p.email(), p.email(), p.email());
        greenMail.setUser(p.clinicianEmail(), p.clinicianEmail(), p.clinicianEmail());
        String body = """
                {"patient":{"email":"%s","minLevel":"URGENT"},"clinicians":[{"email":"%s","minLevel":"SEE_DOCTOR"}]}"""
                .formatted(p.email(), p.clinicianEmail());
        await("contacts of " + p.id()).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                HTTP.send(HttpRequest.newBuilder(URI.create(services.url("notification-service", 1) + "/patients/" + p.id() + "/contacts"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + CLINICIAN)
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    // ------------------------------------------------------------------ the invariants

    /**
     * The scenario's row from the stored state and the inbox. What the rules demand is derived from the
     * episodes episode-service committed (a {@code 503} after a commit that was already in flight is
     * committed too): every 12-minute cramp one LONG_CRAMP escalation, every patient with a pain-8 cramp
     * one SIGNIFICANT_PAIN escalation; an URGENT escalation mails patient and clinician, a SEE_DOCTOR one
     * the clinician. Emails are counted by escalation (Message-ID → delivery → escalation) and recipient.
     */
    private static Row measure(String name, String prefix, Load load, int dlqBefore, boolean cutsSmtp, long recovered)
            throws SQLException {
        Set<String> committed = new HashSet<>();
        Map<String, Integer> expected = new HashMap<>();
        try (Connection c = postgres.connect(Services.DATABASES.get("episode-service"));
             PreparedStatement ps = c.prepareStatement("SELECT id, patient_id, duration_seconds, pain_score FROM episode WHERE patient_id LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    committed.add(rs.getString(1));
                    if (rs.getInt(3) > 600) {
                        expected.put(rs.getString(2) + "|LONG_CRAMP|" + rs.getString(1), 1);
                    }
                    if (rs.getInt(4) >= 7 && rs.getInt(4) <= 9) {
                        expected.put(rs.getString(2) + "|SIGNIFICANT_PAIN|", 1);
                    }
                }
            }
        }
        int outbox = count("episode-service", "SELECT count(*) FROM outbox_event", null)
                + count("advice-service", "SELECT count(*) FROM outbox_event", null);

        Set<String> evaluated = new HashSet<>();
        Map<String, Integer> raised = new HashMap<>();
        Map<String, Set<String>> mailsDemanded = new HashMap<>();
        try (Connection c = postgres.connect(Services.DATABASES.get("advice-service"))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM episode WHERE patient_id LIKE ?")) {
                ps.setString(1, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        evaluated.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, patient_id, rule, level, trigger_episode FROM escalation WHERE patient_id LIKE ?")) {
                ps.setString(1, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String patient = rs.getString(2);
                        String key = patient + "|" + rs.getString(3) + "|" + (rs.getString(5) == null ? "" : rs.getString(5));
                        raised.merge(key, 1, Integer::sum);
                        Set<String> to = new HashSet<>();
                        to.add(("dr-" + patient + "@clinic.example").toLowerCase(Locale.ROOT));
                        if ("URGENT".equals(rs.getString(4))) {
                            to.add((patient + "@patients.example").toLowerCase(Locale.ROOT));
                        }
                        mailsDemanded.put(rs.getString(1), to);
                    }
                }
            }
        }
        Set<String> shouldBeEvaluated = new HashSet<>(committed);
        shouldBeEvaluated.addAll(load.accepted);
        shouldBeEvaluated.removeAll(evaluated);
        int lost = shouldBeEvaluated.size();
        int escRaised = (int) expected.keySet().stream().filter(raised::containsKey).count();
        int escDuplicated = raised.entrySet().stream()
                .mapToInt(e -> expected.containsKey(e.getKey()) ? e.getValue() - 1 : e.getValue()).sum();

        Map<String, String> deliveryToEscalation = new HashMap<>();
        Map<String, Integer> attempts = new HashMap<>();
        int failed;
        int pending;
        try (Connection c = postgres.connect(Services.DATABASES.get("notification-service"))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, escalation_id, attempts FROM delivery WHERE patient_id LIKE ?")) {
                ps.setString(1, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deliveryToEscalation.put(rs.getString(1), rs.getString(2));
                        attempts.put(rs.getString(1), rs.getInt(3));
                    }
                }
            }
            failed = count(c, "SELECT count(*) FROM delivery WHERE status = 'FAILED' AND patient_id LIKE ?", prefix + "%");
            pending = count(c, "SELECT count(*) FROM delivery WHERE status IN ('PENDING', 'SENDING') AND patient_id LIKE ?", prefix + "%");
        }
        Map<String, List<String>> mails = new HashMap<>(); // escalation|recipient → the Message-IDs that arrived
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                String to = m.getRecipients(Message.RecipientType.TO)[0].toString().toLowerCase(Locale.ROOT);
                if (!to.startsWith(prefix) && !to.startsWith("dr-" + prefix)) {
                    continue;
                }
                String messageId = m.getMessageID() == null ? "" : m.getMessageID().replaceAll("[<>]", "");
                String delivery = messageId.contains("@") ? messageId.substring(0, messageId.indexOf('@')) : messageId;
                mails.computeIfAbsent(deliveryToEscalation.getOrDefault(delivery, "?" + delivery) + "|" + to, k -> new ArrayList<>())
                        .add(delivery);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        Set<String> demandedPairs = new HashSet<>();
        mailsDemanded.forEach((escalation, to) -> to.forEach(address -> demandedPairs.add(escalation + "|" + address)));
        int delivered = (int) demandedPairs.stream().filter(mails::containsKey).count();
        int mailsDuplicated = 0;
        int resent = 0;
        int resentUnexplained = 0;
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : mails.entrySet()) {
            Set<String> distinct = new HashSet<>(e.getValue());
            mailsDuplicated += demandedPairs.contains(e.getKey()) ? distinct.size() - 1 : distinct.size();
            resent += e.getValue().size() - distinct.size();
            for (String delivery : distinct) {
                int copies = java.util.Collections.frequency(e.getValue(), delivery);
                if (copies > 1 && attempts.getOrDefault(delivery, 0) < 2) {
                    resentUnexplained += copies - 1;
                }
            }
            if (e.getValue().size() > 1 || !demandedPairs.contains(e.getKey())) {
                String escalation = e.getKey().substring(0, e.getKey().indexOf('|'));
                evidence.add("escalation " + escalation + (e.getKey().contains("@clinic.") ? " clinician" : " patient")
                        + ": deliveries (Message-ID) " + e.getValue() + ", attempts "
                        + e.getValue().stream().distinct().map(d -> String.valueOf(attempts.get(d))).toList());
            }
        }
        lastEvidence = evidence;

        return new Row(name, load.accepted.size(), load.status(503), load.wrongAnswers() + load.unreachable.get(), load.hangs.get(),
                lost, expected.size(), escRaised, escDuplicated, demandedPairs.size(), delivered, mailsDuplicated, resent,
                resentUnexplained, cutsSmtp, failed,
                dlqRecords() - dlqBefore, outbox, pending, recovered);
    }

    private static int count(String service, String sql, String param) throws SQLException {
        try (Connection c = postgres.connect(Services.DATABASES.get(service))) {
            return count(c, sql, param);
        }
    }

    private static int count(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int dlqRecords() {
        return episodesDlq.poll(Duration.ofMillis(300)).size() + escalationsDlq.poll(Duration.ofMillis(300)).size();
    }

    static synchronized void printTable() {
        if (TABLE.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("\n[faults] " + SIZE.name() + " run, " + SIZE.rate() + " episodes/s from "
                + SIZE.patients() + " patients per scenario, 2 instances of each service\n" + Row.HEADER + "\n");
        TABLE.forEach(row -> out.append(row.line()).append('\n'));
        System.out.println(out);
        try {
            Path file = Path.of("target", "fault-table-" + SIZE.name() + ".md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, out.toString());
        } catch (java.io.IOException e) {
            // the table is printed above
        }
    }
}
