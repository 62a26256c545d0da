package crampwatch.notification.service;

import crampwatch.notification.persistence.OnCallContactRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Stores and reads the clinic's on-call addresses (the escalation chain's steps go to them). */
@ApplicationScoped
@Transactional
public class OnCallService {

    @Inject
    OnCallContactRepository onCall;

    Clock clock = Clock.systemUTC();

    public List<String> addresses() {
        return onCall.addresses();
    }

    /** Replaces the whole list; returns it as stored. */
    public List<String> replace(List<String> addresses, String actor) {
        onCall.replace(addresses, clock.instant().truncatedTo(ChronoUnit.MICROS), actor);
        Log.infof("On-call list replaced: %d addresses", addresses.size());
        return List.copyOf(addresses);
    }
}
