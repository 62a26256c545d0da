package crampwatch.episode.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code crampwatch.episodes.*}: episode-service settings. */
@ConfigMapping(prefix = "crampwatch.episodes")
public interface EpisodeConfig {

    /** The topic EpisodeLogged and EpisodeRetracted go to (key = patientId). */
    @WithDefault("cramp-episodes")
    String topic();

    /** Page size when the client gives none. */
    @WithDefault("50")
    int defaultPageSize();

    /** The largest page a client gets, whatever it asks for. */
    @WithDefault("200")
    int maxPageSize();

    /** Group commit of new episodes (see {@code EpisodeWriter}). */
    GroupCommit groupCommit();

    interface GroupCommit {
        /** {@code false}: every request commits its episode in a transaction of its own (the behaviour before group commit). */
        @WithDefault("true")
        boolean enabled();

        /** At most this many episodes share one transaction. {@code 1} gives every episode its own. */
        @WithDefault("64")
        int maxBatch();

        /** Threads writing batches; while one waits for PostgreSQL's commit, the next batch is already being written. */
        @WithDefault("2")
        int writers();

        /** Episodes that may wait for a writer; one more is answered 503 with Retry-After at once. */
        @WithDefault("1024")
        int queueCapacity();

        /** How long a request waits for its commit before it is answered 503 with Retry-After. */
        @WithDefault("10s")
        Duration requestTimeout();
    }
}
