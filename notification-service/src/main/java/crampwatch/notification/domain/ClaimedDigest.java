package crampwatch.notification.domain;

import java.time.LocalDate;
import java.util.UUID;

/** A digest claimed for sending: SENDING under {@code claimToken}, with its fixed Message-ID. */
public record ClaimedDigest(UUID id, UUID claimToken, String recipient, LocalDate localDate, int attempts, String messageId) {
}
