package crampwatch.advice.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** The event ids already consumed. Marked in the same transaction as the change the event caused. */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    AgroalDataSource dataSource;

    /** True the first time an event id is seen; false for a redelivery or replay (then change nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String type) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_event (event_id, type) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, eventId);
            ps.setString(2, type);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record event " + eventId, e);
        }
    }
}
