package crampwatch.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import crampwatch.testsupport.Ports;
import crampwatch.testsupport.Services;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running system — an in-JVM SMTP server (GreenMail) and the three services — shared by the test classes whose
 * checks read only their own patients' data ({@link EndToEndTest}, {@link InputContractPropertyTest}): the first of
 * them starts it, and it stops when the test run ends (a resource of JUnit's root context, closed before the run's
 * databases are dropped) or when a class that needs a system of its own starts one on the same ports
 * ({@link DashboardBrowserTest}: its work list shows every patient). Three JVM starts fewer per run.
 *
 * <p>The services get a 10 s mailer timeout: the in-JVM SMTP server answers in milliseconds, but now and then, under
 * load, one SMTP conversation with it stalls (docs/reliability.md, "Not done yet"); the sender's retry (same
 * Message-ID) then delivers well within the stories' waits instead of after 30 s.
 */
final class SharedSystem implements BeforeAllCallback {

    private static Running running;

    /** The running system, for the classes extended with this one. */
    static synchronized Running get() {
        if (running == null) {
            throw new IllegalStateException("@ExtendWith(SharedSystem.class) starts the shared system");
        }
        return running;
    }

    /** Stops the shared system if it runs (its ports are everyone's: {@link Services#PORTS}). */
    static synchronized void stopIfRunning() {
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (SharedSystem.class) {
            if (running == null) {
                running = new Running();
                // Closed by JUnit when the whole run is over, unless stopped before.
                context.getRoot().getStore(ExtensionContext.Namespace.create(SharedSystem.class)).put(Running.class, running);
            }
        }
    }

    /** GreenMail and the services, started together. */
    static final class Running implements ExtensionContext.Store.CloseableResource {
        final GreenMail smtp;
        final Services services;
        private boolean closed;

        Running() {
            int port = Ports.free();
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            services = new Services(port).with("CRAMPWATCH_SMTP_TIMEOUT", "10s");
            services.startAll();
        }

        @Override
        public void close() {
            synchronized (SharedSystem.class) {
                if (closed) {
                    return;
                }
                closed = true;
                if (running == this) {
                    running = null;
                }
            }
            try {
                services.stopAll();
            } finally {
                smtp.stop();
            }
        }
    }
}
