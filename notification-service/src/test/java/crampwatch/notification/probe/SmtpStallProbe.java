package crampwatch.notification.probe;

import crampwatch.notification.GreenMailResource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Investigation tool for the SMTP stall of issue 11, not part of the suite (its name does not end in Test):
 * {@code ./mvnw -o verify -pl common,test-support,notification-service -Dtest=SmtpStallProbe
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dprobe.rounds=40}. Rounds of 24 concurrent sends through the
 * service's own mailer to GreenMail, GreenMail restarted after every even round; a send still running after 5 s
 * gets a thread dump (the mailer's and GreenMail's threads) and the connections on the SMTP port printed.
 * Findings in docs/reliability.md.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class SmtpStallProbe {

    @Inject
    Mailer mailer;

    static final java.util.concurrent.ScheduledExecutorService DOG = Executors.newScheduledThreadPool(1);
    static final java.util.concurrent.atomic.AtomicInteger DUMPS = new java.util.concurrent.atomic.AtomicInteger();

    static void dump(Thread stuck) {
        if (DUMPS.incrementAndGet() > 2) {
            return;
        }
        StringBuilder sb = new StringBuilder("PROBE DUMP (stuck sender " + stuck.getName() + ")\n");
        for (java.lang.management.ThreadInfo ti : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            String name = ti.getThreadName();
            boolean interesting = name.equals(stuck.getName()) || name.contains("vert.x-eventloop");
            for (StackTraceElement e : ti.getStackTrace()) {
                if (e.getClassName().contains("greenmail")) {
                    interesting = true;
                }
            }
            if (interesting) {
                sb.append('"').append(name).append("\" ").append(ti.getThreadState()).append('\n');
                for (StackTraceElement e : ti.getStackTrace()) {
                    sb.append("    at ").append(e).append('\n');
                }
            }
        }
        try {
            Process p = new ProcessBuilder("ss", "-tno", "( sport = :" + GreenMailResource.port() + " or dport = :" + GreenMailResource.port() + " )")
                    .redirectErrorStream(true).start();
            sb.append(new String(p.getInputStream().readAllBytes()));
        } catch (Exception e) {
            sb.append(e);
        }
        System.err.println(sb);
    }

    @Test
    void probe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int round = 0; round < Integer.getInteger("probe.rounds", 12); round++) {
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Thread me = Thread.currentThread();
                    java.util.concurrent.ScheduledFuture<?> dog = DOG.schedule(() -> dump(me), 5, java.util.concurrent.TimeUnit.SECONDS);
                    try {
                        mailer.send(Mail.withText("r" + (n % 5) + "@example.org", "x", "y"));
                    } catch (Exception e) {
                        System.err.println("PROBE send failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
                    }
                    dog.cancel(false);
                    return (System.nanoTime() - t0) / 1_000_000;
                }));
            }
            long max = 0;
            int slow = 0;
            for (Future<Long> f : fs) {
                long ms = f.get();
                max = Math.max(max, ms);
                if (ms > 4000) {
                    slow++;
                }
            }
            System.err.printf("PROBE round %d: max %d ms, over 4 s: %d%n", round, max, slow);
            if (round % 2 == 0) {
                GreenMailResource.smtp().stop();
                GreenMailResource.smtp().start();
                System.err.println("PROBE restarted GreenMail");
            }
        }
        pool.shutdownNow();
    }
}
