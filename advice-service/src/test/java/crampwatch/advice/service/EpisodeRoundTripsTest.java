package crampwatch.advice.service;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.AdviceDb;
import crampwatch.advice.SqlRecorder;
import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.episode.Relief;
import crampwatch.advice.domain.episode.Site;
import crampwatch.advice.persistence.EpisodeRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What one ordinary episode costs advice-service in statements (docs/performance.md, section 10): the consumer's
 * transaction is bound by its round trips to PostgreSQL, so the path is pinned here, and the statement that stores
 * the episode still refuses an episode retracted before it arrived and one already stored.
 */
@QuarkusTest
class EpisodeRoundTripsTest {

    @Inject
    EpisodeHistoryService history;

    @Inject
    EpisodeRepository episodes;

    @Inject
    AdviceDb db;

    private static Episode ordinary(UUID id) {
        // A short, mild daytime cramp eased by stretching: no rule fires, no second window is read.
        return new Episode(id, OffsetDateTime.parse("2026-11-20T14:00:00+01:00"), 40, Site.CALF, 2, false,
                Set.of(Relief.STRETCHING, Relief.MASSAGE), Set.of(), Set.of());
    }

    @Test
    void anOrdinaryEpisodeOfAPatientWithoutProfileTakesFiveStatements() {
        String patient = "p-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        SqlRecorder.start();
        boolean applied = QuarkusTransaction.requiringNew().call(() -> history.logged(UUID.randomUUID(), "EpisodeLogged", patient,
                ordinary(id), "LEFT", Instant.now()));
        List<String> sent = SqlRecorder.stop().stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();

        assertThat(applied).isTrue();
        // The processed-event mark, the episode (unless retracted or stored: one statement), the profile (read once), the
        // window, and NEW_MEDICINE's look for an open escalation to withdraw. Before section 10 it took eight: a separate
        // retraction check, a find by id before the insert, and the profile read twice.
        assertThat(sent).hasSize(5);
        assertThat(sent.get(0)).startsWith("insert into processed_event");
        assertThat(sent.get(1)).startsWith("insert into episode").contains("retracted_episode");
        assertThat(sent.get(2)).contains("patient_profile");
        assertThat(sent.get(3)).startsWith("select").contains("from episode");
        assertThat(sent.get(4)).startsWith("select").contains("from escalation").contains("for no key update");
        // Stored with its sets, read back the same.
        List<Episode> read = QuarkusTransaction.requiringNew().call(() -> episodes.window(patient,
                Instant.parse("2026-11-19T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z")));
        assertThat(read).containsExactly(ordinary(id));
    }

    @Test
    void theStoringStatementRefusesARetractedOrAlreadyStoredEpisode() {
        String patient = "p-" + UUID.randomUUID();
        UUID retracted = UUID.randomUUID();
        UUID stored = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> episodes.rememberRetraction(patient, retracted, Instant.now()));

        assertThat(QuarkusTransaction.requiringNew().call(() -> episodes.insertUnlessKnown(patient, ordinary(retracted), "LEFT",
                Instant.now()))).as("retracted before it arrived").isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> episodes.insertUnlessKnown(patient, ordinary(stored), "RIGHT",
                Instant.now()))).as("first time").isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> episodes.insertUnlessKnown(patient, ordinary(stored), "RIGHT",
                Instant.now()))).as("already stored").isFalse();
        assertThat(db.episodes(patient)).isEqualTo(1);
        assertThat(db.rows("SELECT side, relieved_by::text AS relieved, symptoms::text AS symptoms FROM episode WHERE id = ?", stored))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("side")).isEqualTo("RIGHT");
                    assertThat(r.get("relieved")).isEqualTo("{MASSAGE,STRETCHING}");
                    assertThat(r.get("symptoms")).isEqualTo("{}");
                });
    }
}
