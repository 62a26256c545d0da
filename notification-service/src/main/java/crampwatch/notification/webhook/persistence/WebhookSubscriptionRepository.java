package crampwatch.notification.webhook.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook subscriptions ({@code webhook_subscription}). */
@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscriptionEntity, UUID> {

    /** The owner's subscription (another owner's is absent: a 404 reveals nothing). */
    public Optional<WebhookSubscriptionEntity> owned(UUID id, String owner) {
        return find("id = ?1 and owner = ?2", id, owner).firstResultOptional();
    }

    /** One page of the owner's subscriptions, oldest first, after ({@code afterCreated}, {@code afterId}) when given. */
    public List<WebhookSubscriptionEntity> page(String owner, Instant afterCreated, UUID afterId, int limit) {
        if (afterCreated == null) {
            return find("owner = ?1", Sort.by("createdAt").and("id"), owner).range(0, limit - 1).list();
        }
        return find("owner = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3))", Sort.by("createdAt").and("id"), owner,
                afterCreated, afterId).range(0, limit - 1).list();
    }

    public long countOwned(String owner) {
        return count("owner", owner);
    }

    /**
     * The subscriptions, active or paused (a paused one keeps collecting its events and gets them on resume), that want
     * events of this type about this patient.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> wanting(String eventType, String patientId) {
        return getEntityManager().createNativeQuery("""
                        SELECT id FROM webhook_subscription WHERE ?1 = ANY (event_types) AND (patient_ids IS NULL OR ?2 = ANY (patient_ids))
                        ORDER BY created_at, id""", UUID.class)
                .setParameter(1, eventType).setParameter(2, patientId).getResultList();
    }
}
