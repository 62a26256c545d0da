package crampwatch.notification.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The clinic's on-call addresses ({@code on_call_contact}), in the caller's transaction. */
@ApplicationScoped
public class OnCallContactRepository implements PanacheRepositoryBase<OnCallContactEntity, Integer> {

    /** The addresses, in the given order. */
    public List<String> addresses() {
        return list("order by position").stream().map(c -> c.email).toList();
    }

    /**
     * Replaces the whole list. Concurrent replacements are serialised by a transaction-scoped advisory lock, so the
     * list is always one caller's, never a mix.
     */
    public void replace(List<String> addresses, Instant at, String actor) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('on_call_contact'))").getSingleResult();
        deleteAll();
        getEntityManager().flush();
        for (int i = 0; i < addresses.size(); i++) {
            OnCallContactEntity row = new OnCallContactEntity();
            row.position = i;
            row.email = addresses.get(i);
            row.updatedAt = at;
            row.updatedBy = actor;
            persist(row);
        }
    }
}
