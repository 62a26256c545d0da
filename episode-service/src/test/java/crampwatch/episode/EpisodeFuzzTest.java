package crampwatch.episode;

import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.testsupport.ApiFuzz;
import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated hostile bodies and paths: never a 5xx, every error problem+json, and a refusal stores nothing. */
@QuarkusTest
class EpisodeFuzzTest {

    @Inject
    Db db;

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void sixHundredHostileBodiesGiveClearErrorsAndStoreOnlyWhatWasAccepted() {
        String patient = newPatient();
        List<ApiFuzz.Outcome> outcomes = ApiFuzz.bodies(base(), DevTokens.clinician("dr-fuzz"), "POST", "/patients/" + patient + "/episodes",
                body(), 600, 1202L);
        System.out.println("[fuzz] episode bodies: " + ApiFuzz.statuses(outcomes));
        ApiFuzz.assertSafe(outcomes);
        assertThat(outcomes).filteredOn(o -> o.status() >= 400).hasSizeGreaterThan(400);
        assertThat(db.episodes(patient)).as("episodes stored").isEqualTo(outcomes.stream().filter(o -> o.status() == 201).count());
    }

    @Test
    void threeHundredHostilePathsAndQueriesGiveClearErrorsAndStoreNothing() {
        String patient = newPatient();
        List<ApiFuzz.Outcome> outcomes = ApiFuzz.paths(base(), DevTokens.clinician("dr-fuzz"), List.of(
                "GET /patients/{p}/episodes", "GET /patients/{p}/episodes/summary", "GET /patients/{p}/episodes/{id}",
                "DELETE /patients/{p}/episodes/{id}", "POST /patients/{p}/episodes", "GET /patients/{p}/episodes/{id}/{id}"),
                List.of("limit", "cursor", "from", "to", "days"), patient, 300, 1203L);
        System.out.println("[fuzz] episode paths: " + ApiFuzz.statuses(outcomes));
        ApiFuzz.assertSafe(outcomes);
        assertThat(outcomes).filteredOn(o -> o.status() == 400).hasSizeGreaterThan(100);
        assertThat(outcomes).as("requests that stored something").filteredOn(o -> o.status() == 201 || o.status() == 204).isEmpty();
        assertThat(db.episodes(patient)).isZero();
    }
}
