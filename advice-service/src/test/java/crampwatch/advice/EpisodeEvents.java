package crampwatch.advice;

import java.time.Instant;
import java.util.UUID;

/** Builds real {@code cramp-episodes} events (the JSON episode-service publishes) for tests. */
public final class EpisodeEvents {
    private EpisodeEvents() {
    }

    /** A fluent episode, harmless unless told otherwise. */
    public static final class Ep {
        public final UUID id = UUID.randomUUID();
        String startedAt = "2026-11-20T02:14:00+01:00";
        int durationSeconds = 90;
        String site = "CALF";
        int painScore = 3;
        boolean woke = false;
        String relievedBy = "\"STRETCHING\"";
        String symptoms = "";
        String exposures = "";

        public Ep at(String startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Ep lasting(int seconds) {
            this.durationSeconds = seconds;
            return this;
        }

        public Ep pain(int score) {
            this.painScore = score;
            return this;
        }

        public Ep site(String site) {
            this.site = site;
            return this;
        }

        public Ep woke() {
            this.woke = true;
            return this;
        }

        public Ep symptoms(String... values) {
            this.symptoms = quoted(values);
            return this;
        }

        public Ep exposures(String... values) {
            this.exposures = quoted(values);
            return this;
        }

        public Ep relievedBy(String... values) {
            this.relievedBy = quoted(values);
            return this;
        }

        /** An EpisodeLogged event with a fresh event id. */
        public String logged(String patientId) {
            return loggedWithEventId(patientId, UUID.randomUUID());
        }

        public String loggedWithEventId(String patientId, UUID eventId) {
            return "{\"eventId\":\"" + eventId + "\",\"type\":\"EpisodeLogged\",\"schemaVersion\":1,"
                    + "\"occurredAt\":\"" + Instant.now() + "\",\"patientId\":\"" + patientId + "\",\"futureField\":{\"x\":1},"
                    + "\"episode\":{\"id\":\"" + id + "\",\"startedAt\":\"" + startedAt + "\",\"durationSeconds\":" + durationSeconds
                    + ",\"site\":\"" + site + "\",\"side\":\"LEFT\",\"painScore\":" + painScore + ",\"wokeFromSleep\":" + woke
                    + ",\"relievedBy\":[" + relievedBy + "],\"symptoms\":[" + symptoms + "],\"exposures\":[" + exposures
                    + "],\"notes\":null,\"recordedAt\":\"" + Instant.now() + "\"}}";
        }

        public String retracted(String patientId) {
            return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"EpisodeRetracted\",\"schemaVersion\":1,"
                    + "\"occurredAt\":\"" + Instant.now() + "\",\"patientId\":\"" + patientId + "\","
                    + "\"episode\":{\"id\":\"" + id + "\",\"retractedAt\":\"" + Instant.now() + "\"}}";
        }
    }

    public static Ep episode() {
        return new Ep();
    }

    private static String quoted(String... values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(sb.isEmpty() ? "" : ",").append('"').append(v).append('"');
        }
        return sb.toString();
    }
}
