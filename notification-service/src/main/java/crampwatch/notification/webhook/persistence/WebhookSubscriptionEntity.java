package crampwatch.notification.webhook.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code webhook_subscription}: where an integration wants which events, and the secret that signs them. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscriptionEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String owner;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "event_types", nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> eventTypes;

    /** Null: every patient. */
    @Column(name = "patient_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> patientIds;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean wants(String eventType, String patientId) {
        return eventTypes.contains(eventType) && (patientIds == null || patientIds.contains(patientId));
    }
}
