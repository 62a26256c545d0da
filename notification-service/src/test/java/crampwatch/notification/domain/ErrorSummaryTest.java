package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorSummaryTest {

    static class SMTPException extends RuntimeException {
        SMTPException(String message) {
            super(message);
        }
    }

    @Test
    void logsTheKindOfFailureNeverItsText() {
        assertThat(ErrorSummary.of(new IllegalStateException("store failed",
                new SQLException("duplicate key (recipient)=(bob@example.org)", "23505"))))
                .isEqualTo("SQLException [SQLSTATE 23505]");
        assertThat(ErrorSummary.of(new RuntimeException(new SMTPException("sending error 550 5.1.1 <bob@example.org>: unknown user"))))
                .isEqualTo("SMTPException [reply 550]").doesNotContain("bob");
        assertThat(ErrorSummary.of(new RuntimeException("x", new java.util.concurrent.TimeoutException("after 30 s"))))
                .isEqualTo("TimeoutException");
    }
}
