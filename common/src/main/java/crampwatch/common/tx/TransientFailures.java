package crampwatch.common.tx;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * Failures that say nothing about the record being consumed: the database is down, restarting,
 * read-only (a primary during failover), overloaded or timing out, the pool is exhausted, a
 * transaction lost a race (serialization failure, deadlock), or the transaction was aborted around
 * the work (timed out, commit failed). Consumers retry such a record until it goes through; it
 * never goes to the dead-letter topic.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        boolean aborted = false;
        boolean databaseSaidWhy = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && isTransientState(state)) {
                    return true;
                }
                databaseSaidWhy |= state != null && !state.isBlank();
                String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("acquisition timeout") || message.contains("connection refused")) {
                    return true;
                }
            }
            aborted |= t instanceof RollbackException || t instanceof HeuristicMixedException
                    || t instanceof HeuristicRollbackException;
        }
        // A transaction rolled back by the transaction manager (timeout, failed commit) is retried, unless the
        // database named a reason of its own in the chain (e.g. a constraint checked at commit): that one is the record's.
        return aborted && !databaseSaidWhy;
    }

    /**
     * SQLState classes of infrastructure faults: 08 connection exceptions, 25006 read-only transaction, 40001
     * serialization failure, 40P01 deadlock, 53 insufficient resources, 57 operator intervention (57014
     * statement timeout or cancel, 57P01-57P05 shutdown, crash, cannot connect now, idle session timeout).
     */
    private static boolean isTransientState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.equals("25006")
                || state.equals("40001") || state.equals("40P01");
    }
}
