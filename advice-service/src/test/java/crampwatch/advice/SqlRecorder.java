package crampwatch.advice;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * The SQL Hibernate really sends, for tests that must look at it (an EXPLAIN of the statement a repository runs, not
 * of a hand-written copy). Records only on the thread that asked, between {@link #start()} and {@link #stop()}.
 */
@ApplicationScoped
@PersistenceUnitExtension
public class SqlRecorder implements StatementInspector {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    public static void start() {
        RECORDING.set(new ArrayList<>());
    }

    /** The statements prepared on this thread since {@link #start()}, in order. */
    public static List<String> stop() {
        List<String> seen = RECORDING.get();
        RECORDING.remove();
        return seen == null ? List.of() : seen;
    }

    @Override
    public String inspect(String sql) {
        List<String> seen = RECORDING.get();
        if (seen != null) {
            seen.add(sql);
        }
        return sql;
    }
}
