package crampwatch.advice.persistence;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.episode.Exposure;
import crampwatch.advice.domain.episode.Relief;
import crampwatch.advice.domain.episode.Site;
import crampwatch.advice.domain.episode.Symptom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of advice-service's projection of episodes ({@code episode}): only what the rules need, never the notes. */
@Entity
@Table(name = "episode")
public class EpisodeEntity {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "started_offset_secs", nullable = false)
    public int startedOffsetSecs;

    @Column(name = "duration_seconds", nullable = false)
    public int durationSeconds;

    @Column(nullable = false)
    public String site;

    @Column(nullable = false)
    public String side;

    @Column(name = "pain_score", nullable = false)
    public int painScore;

    @Column(name = "woke_from_sleep", nullable = false)
    public boolean wokeFromSleep;

    @Column(name = "relieved_by", nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> relievedBy;

    @Column(nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> symptoms;

    @Column(nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> exposures;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static EpisodeEntity of(String patientId, Episode e, String side, Instant recordedAt) {
        EpisodeEntity row = new EpisodeEntity();
        row.id = e.id();
        row.patientId = patientId;
        row.startedAt = e.startedAt().toInstant();
        row.startedOffsetSecs = e.startedAt().getOffset().getTotalSeconds();
        row.durationSeconds = e.durationSeconds();
        row.site = e.site().name();
        row.side = side;
        row.painScore = e.painScore();
        row.wokeFromSleep = e.wokeFromSleep();
        row.relievedBy = names(e.relievedBy());
        row.symptoms = names(e.symptoms());
        row.exposures = names(e.exposures());
        row.recordedAt = recordedAt;
        return row;
    }

    public Episode toEpisode() {
        return new Episode(id, startedAt.atOffset(ZoneOffset.ofTotalSeconds(startedOffsetSecs)), durationSeconds, Site.valueOf(site),
                painScore, wokeFromSleep, enums(relievedBy, Relief.class, Relief::valueOf), enums(symptoms, Symptom.class, Symptom::valueOf),
                enums(exposures, Exposure.class, Exposure::valueOf));
    }

    /** Enum names, sorted: a set stored the same way whatever order it was reported in. */
    static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }

    private static <E extends Enum<E>> Set<E> enums(List<String> names, Class<E> type, Function<String, E> parse) {
        Set<E> out = EnumSet.noneOf(type);
        if (names != null) {
            names.forEach(n -> out.add(parse.apply(n)));
        }
        return out;
    }
}
