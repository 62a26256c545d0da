package crampwatch.common.tx;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

/**
 * Failures that say nothing about the record being consumed: the database is down, restarting,
 * read-only (a primary that failed over or was switched read-only) or overloaded, a statement or
 * transaction ran out of time, the connection was lost (also mid-commit), the pool is exhausted, or a
 * transaction lost a race (serialization failure, deadlock, lock timeout). Consumers retry such a
 * record until it goes through; it never goes to the dead-letter topic.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /** SQLSTATE classes that are about the server or the connection, never about the data: see the PostgreSQL errcodes appendix. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of(
            "08",  // connection exception (refused, lost, closed)
            "53",  // insufficient resources (too many connections, out of memory, disk full)
            "57",  // operator intervention: 57014 query canceled (statement timeout), 57P01-04 shutdown, cannot connect now
            "58"); // system error: I/O error

    /** Single SQLSTATEs that are transient although their class is not. */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "25006", // read_only_sql_transaction: the primary is read-only (failover, maintenance)
            "25P03", // idle_in_transaction_session_timeout
            "25P04", // transaction_timeout (PostgreSQL 17)
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available (lock_timeout)
            "55006", // object_in_use
            "HV00N"); // fdw unable to establish connection

    /**
     * Transaction-manager outcomes that mean "the transaction did not (certainly) commit for reasons of
     * its own": it was rolled back because it outlived its timeout, or the resource failed while
     * committing. Matched by class name so this stays free of a JTA dependency.
     */
    private static final Set<String> TRANSIENT_TX_CLASSES = Set.of(
            "jakarta.transaction.RollbackException",
            "jakarta.transaction.HeuristicMixedException",
            "jakarta.transaction.HeuristicRollbackException",
            "jakarta.transaction.SystemException",
            "javax.transaction.xa.XAException",
            "com.arjuna.ats.jta.exceptions.RollbackException"); // Narayana: enlisting in a transaction already rolled back

    public static boolean isTransient(Throwable failure) {
        boolean aborted = false;
        boolean databaseSaidWhy = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 50; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (isTransientState(s.getSQLState()) || isTransientMessage(s.getMessage())) {
                        return true;
                    }
                    databaseSaidWhy |= s.getSQLState() != null && !s.getSQLState().isBlank();
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed != failure && isTransient(suppressed)) {
                    return true;
                }
            }
            aborted |= isTransactionOutcome(t);
        }
        // A transaction rolled back by the transaction manager (timeout, failed commit) is retried, unless the
        // database named a reason of its own in the chain (e.g. a constraint checked at commit): that one is the record's.
        return aborted && !databaseSaidWhy;
    }

    private static boolean isTransientState(String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_STATES.contains(state));
    }

    /** Agroal's pool timeout is a plain SQLException without a SQLSTATE; the driver's lost connection may lack one too. */
    private static boolean isTransientMessage(String text) {
        String message = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return message.contains("acquisition timeout") || message.contains("connection refused")
                || message.contains("connection has been closed") || message.contains("an i/o error occurred");
    }

    private static boolean isTransactionOutcome(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRANSIENT_TX_CLASSES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
