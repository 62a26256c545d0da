package crampwatch.advice.messaging;

import crampwatch.common.messaging.PoisonMessageException;
import crampwatch.common.tx.TransientFailures;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void databaseDownIsTransient() {
        var down = new IllegalStateException("could not store", new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
        assertThat(TransientFailures.isTransient(down)).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    @Test
    void aReadOnlyPrimaryTimeoutsAndAbortedTransactionsAreTransient() {
        // Read-only primary (a failover in progress), statement timeout or cancel, connection lost mid-commit.
        assertThat(TransientFailures.isTransient(new IllegalStateException("could not store",
                new SQLException("cannot execute INSERT in a read-only transaction", "25006")))).isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException(
                new SQLException("canceling statement due to statement timeout", "57014")))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("An I/O error occurred while sending to the backend.", "08006")))
                .isTrue();
        // The transaction timed out or its commit failed: ArC wraps the interceptor's checked exception.
        assertThat(TransientFailures.isTransient(new io.quarkus.arc.ArcUndeclaredThrowableException(
                new jakarta.transaction.RollbackException("ARJUNA016102: The transaction is not active!")))).isTrue();
        assertThat(TransientFailures.isTransient(new io.quarkus.arc.ArcUndeclaredThrowableException(
                new jakarta.transaction.HeuristicMixedException()))).isTrue();
        // ...unless the database said why, and that reason is the record's own.
        var rolledBackForAConstraint = new jakarta.transaction.RollbackException("commit failed");
        rolledBackForAConstraint.initCause(new SQLException("duplicate key", "23505"));
        assertThat(TransientFailures.isTransient(new io.quarkus.arc.ArcUndeclaredThrowableException(rolledBackForAConstraint)))
                .isFalse();
    }

    @Test
    void bugsAreNotTransient() {
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException(new SQLException("duplicate key", "23505")))).isFalse();
    }

    @Test
    void poisonIsRecognised() {
        org.junit.jupiter.api.Assertions.assertThrows(PoisonMessageException.class, () -> EpisodeEvent.parse("{"));
        org.junit.jupiter.api.Assertions.assertThrows(PoisonMessageException.class, () -> EpisodeEvent.parse(""));
        org.junit.jupiter.api.Assertions.assertThrows(PoisonMessageException.class, () -> EpisodeEvent.parse(
                "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"type\":\"EpisodeLogged\",\"schemaVersion\":1,"
                        + "\"occurredAt\":\"2026-11-20T01:15:02Z\",\"patientId\":\"p-1\"}"));
        assertThat(EpisodeEvent.parse("{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"type\":\"SomethingNew\","
                + "\"schemaVersion\":3,\"occurredAt\":\"2026-11-20T01:15:02Z\",\"patientId\":\"p-1\"}")).isEmpty();
    }
}
