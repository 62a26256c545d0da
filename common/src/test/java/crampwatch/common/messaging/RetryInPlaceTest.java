package crampwatch.common.messaging;

import crampwatch.common.tx.TransientFailures;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** How every consumer treats failures: transient ones never dead-letter a good record. */
class RetryInPlaceTest {

    static final RetryInPlace.Policy POLICY = new RetryInPlace.Policy(Duration.ofMillis(100), Duration.ofSeconds(5), 5);
    final AtomicInteger deadLettered = new AtomicInteger();

    final AtomicInteger acks = new AtomicInteger();
    final AtomicReference<Throwable> nacked = new AtomicReference<>();
    final List<Duration> sleeps = new ArrayList<>();

    Message<String> message() {
        return Message.of("{}", () -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, e -> {
            nacked.set(e);
            return CompletableFuture.completedFuture(null);
        });
    }

    static RuntimeException databaseDown() {
        return new IllegalStateException("could not claim", new SQLException("Connection to 127.0.0.1:5432 refused", "08001",
                new ConnectException("Connection refused")));
    }

    @Test
    void aDatabaseOutageIsWaitedOutAndTheRecordAckedOnceItCommits() {
        AtomicInteger calls = new AtomicInteger();
        RetryInPlace.process(message(), () -> {
            if (calls.incrementAndGet() <= 12) {
                throw databaseDown();
            }
        }, () -> false, sleeps::add, POLICY, deadLettered::incrementAndGet);
        assertThat(calls).hasValue(13);
        assertThat(acks).hasValue(1);
        assertThat(nacked).hasValue(null);
        assertThat(sleeps).hasSize(12).last().isEqualTo(Duration.ofSeconds(5));
        assertThat(sleeps.get(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(deadLettered).hasValue(0);
    }

    @Test
    void stoppingDuringAnOutageLeavesTheRecordForRedelivery() {
        var result = RetryInPlace.process(message(), () -> {
            throw databaseDown();
        }, () -> true, sleeps::add, POLICY, deadLettered::incrementAndGet);
        assertThat(result.toCompletableFuture()).isNotDone();
        assertThat(acks).hasValue(0);
        assertThat(nacked).hasValue(null);
    }

    @Test
    void aRecordThatKeepsFailingForAnotherReasonIsDeadLetteredWithTheReason() {
        RetryInPlace.process(message(), () -> {
            throw new IllegalArgumentException("value too long for type character varying(10)");
        }, () -> false, sleeps::add, POLICY, deadLettered::incrementAndGet);
        assertThat(acks).hasValue(0);
        assertThat(nacked.get()).isInstanceOf(RetryInPlace.ProcessingFailedException.class).hasMessageContaining("failed 5 times")
                .hasMessageContaining("value too long");
        assertThat(sleeps).hasSize(4);
        assertThat(deadLettered).hasValue(1);
    }

    @Test
    void classifiesTransientFailures() {
        assertThat(TransientFailures.isTransient(databaseDown())).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void infrastructureFaultsAreTransientNotPoison() {
        // A primary that went read-only, a statement timeout, lock and idle-session timeouts, an I/O error.
        for (String state : new String[] {"25006", "57014", "55P03", "25P03", "25P04", "58030"}) {
            assertThat(TransientFailures.isTransient(new IllegalStateException("delivery store update failed",
                    new SQLException("injected", state)))).as(state).isTrue();
        }
        // The transaction manager rolled back a transaction that outlived its timeout, or lost the connection mid-commit.
        assertThat(TransientFailures.isTransient(new RuntimeException(new jakarta.transaction.RollbackException("ARJUNA016102")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new jakarta.transaction.HeuristicMixedException()))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new javax.transaction.xa.XAException(-7)))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("This connection has been closed.", "08003")))).isTrue();
        // Data errors stay what they are: the record is at fault.
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("value too long", "22001")))).isFalse();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("check violation", "23514")))).isFalse();
    }
}
