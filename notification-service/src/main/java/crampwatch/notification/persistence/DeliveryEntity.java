package crampwatch.notification.persistence;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.Level;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A row of {@code delivery}: one email owed to one recipient for one escalation (or the one NO_RECIPIENT row when
 * nobody wanted it). Rows are written and their status changed by {@link DeliveryRepository}'s native statements (the
 * {@code ON CONFLICT} insert, the {@code SKIP LOCKED} claims, the guarded updates under a claim token); the entity maps
 * the row for the reads and the simple updates.
 */
@Entity
@Table(name = "delivery")
public class DeliveryEntity {

    @Id
    public UUID id;

    @Column(name = "escalation_id", nullable = false)
    public UUID escalationId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** Null for NO_RECIPIENT. */
    public String recipient;

    /** Null for NO_RECIPIENT. */
    @Enumerated(EnumType.STRING)
    public Audience audience;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;

    @Column(nullable = false)
    public String rule;

    @Column(nullable = false)
    public String reason;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** When a PENDING delivery is due. */
    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "smtp_message_id")
    public String smtpMessageId;

    /** The claim holding a SENDING row; only its holder records the outcome. */
    @Column(name = "claim_token")
    public UUID claimToken;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The version of the last published DeliveryStatusChanged (sequence {@code delivery_state_version}); 0: never. */
    @Column(name = "state_version", nullable = false)
    public long stateVersion;

    /** When the latest episode of the evidence started, with the offset the patient reported (both null if unknown). */
    @Column(name = "episode_started_at")
    public Instant episodeStartedAt;

    @Column(name = "episode_started_offset_secs")
    public Integer episodeStartedOffsetSecs;

    /** The episode whose arrival raised the escalation: the recipient's deliveries with the same one make one email. */
    @Column(name = "triggered_by")
    public UUID triggeredBy;

    /** 0: the escalation's first email; 1..: a step of its escalation chain. */
    @Column(nullable = false)
    public int step;

    /** The episode's reported start (instant and offset), or null when the event did not carry it. */
    public OffsetDateTime episodeStart() {
        return episodeStart(episodeStartedAt, episodeStartedOffsetSecs);
    }

    static OffsetDateTime episodeStart(Instant at, Integer offsetSecs) {
        return at == null || offsetSecs == null ? null : at.atOffset(ZoneOffset.ofTotalSeconds(offsetSecs));
    }
}
