package crampwatch.episode.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.api.Cursors;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.NotFoundProblem;
import crampwatch.common.api.Page;
import crampwatch.episode.api.EpisodeSummary;
import crampwatch.episode.api.EpisodeView;
import crampwatch.episode.api.NewEpisode;
import crampwatch.episode.config.EpisodeConfig;
import crampwatch.episode.messaging.EpisodeEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Episode logging. Every change commits together with its event in the outbox, so a 201 means the
 * episode is stored and its event will reach Kafka, whether or not Kafka answers right now.
 */
@ApplicationScoped
@Transactional
public class EpisodeService {

    /** What {@link #log} did: the stored episode, and whether this request created it or replayed a retry. */
    public record Logged(EpisodeView episode, boolean replayed) {
    }

    @Inject
    EntityManager em;

    @Inject
    EpisodeEvents events;

    @Inject
    EpisodeConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    Clock clock = Clock.systemUTC();

    private Counter logged;
    private Counter retracted;

    @jakarta.annotation.PostConstruct
    void meters() {
        logged = Counter.builder("crampwatch.episodes.logged").description("Episodes stored").register(metrics);
        retracted = Counter.builder("crampwatch.episodes.retracted").description("Episodes deleted by patients or clinicians")
                .register(metrics);
    }

    public Logged log(String patientId, String idempotencyKey, NewEpisode request) {
        Instant now = clock.instant();
        if (request.startedAt().toInstant().isAfter(now.plus(config.maxFutureSkew()))) {
            throw new InvalidInputException("startedAt",
                    "lies in the future (more than " + config.maxFutureSkew().toMinutes() + " minutes ahead of the server clock)");
        }
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            String hash = hash(request);
            int claimed = em.createNativeQuery("""
                    INSERT INTO idempotency_key (patient_id, key, request_hash, episode_id, created_at)
                    VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                    .setParameter(1, patientId).setParameter(2, idempotencyKey).setParameter(3, hash)
                    .setParameter(4, id).setParameter(5, now).executeUpdate();
            if (claimed == 0) {
                return replay(patientId, idempotencyKey, hash);
            }
        }
        Episode e = new Episode();
        e.id = id;
        e.patientId = patientId;
        OffsetDateTime started = request.startedAt().truncatedTo(ChronoUnit.MICROS);
        e.startedAt = started.toInstant();
        e.startedOffsetSeconds = started.getOffset().getTotalSeconds();
        e.durationSeconds = request.durationSeconds();
        e.site = request.site().name();
        e.side = request.side().name();
        e.painScore = request.painScore().shortValue();
        e.wokeFromSleep = request.wokeFromSleep();
        e.relievedBy = names(request.relievedBy());
        e.symptoms = names(request.symptoms());
        e.exposures = names(request.exposures());
        e.notes = request.notes();
        e.recordedAt = now.truncatedTo(ChronoUnit.MICROS);
        em.persist(e);
        EpisodeView view = EpisodeView.of(e);
        events.logged(view);
        logged.increment();
        return new Logged(view, false);
    }

    private Logged replay(String patientId, String key, String hash) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT request_hash, episode_id FROM idempotency_key WHERE patient_id = ?1 AND key = ?2")
                .setParameter(1, patientId).setParameter(2, key).getSingleResult();
        if (!hash.equals(row[0])) {
            throw new ClientErrorException("This Idempotency-Key was already used for a different episode.",
                    Response.Status.CONFLICT);
        }
        Episode original = em.find(Episode.class, row[1]);
        if (original == null) {
            throw new ClientErrorException("The episode created with this Idempotency-Key was deleted.",
                    Response.Status.CONFLICT);
        }
        return new Logged(EpisodeView.of(original), true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EpisodeView get(String patientId, UUID id) {
        return EpisodeView.of(find(patientId, id));
    }

    public void retract(String patientId, UUID id) {
        Episode e = find(patientId, id);
        em.remove(e);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        events.retracted(patientId, id, now);
        retracted.increment();
    }

    private Episode find(String patientId, UUID id) {
        Episode e = em.find(Episode.class, id);
        if (e == null || !e.patientId.equals(patientId)) {
            throw new NotFoundProblem("episode");
        }
        return e;
    }

    /** Newest first; {@code from} inclusive, {@code to} exclusive, on the reported start. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EpisodeView> list(String patientId, OffsetDateTime from, OffsetDateTime to, Integer limit, String cursor) {
        int size = limit == null ? config.defaultPageSize() : Math.min(limit, config.maxPageSize());
        StringBuilder where = new StringBuilder("patientId = :patient");
        Map<String, Object> params = new HashMap<>();
        params.put("patient", patientId);
        if (from != null) {
            where.append(" and startedAt >= :from");
            params.put("from", from.toInstant());
        }
        if (to != null) {
            where.append(" and startedAt < :to");
            params.put("to", to.toInstant());
        }
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, 2);
            Instant afterStart;
            UUID afterId;
            try {
                afterStart = Instant.parse(parts.get(0));
                afterId = UUID.fromString(parts.get(1));
            } catch (RuntimeException ex) {
                throw new InvalidInputException("cursor", "not a cursor returned by this API");
            }
            where.append(" and (startedAt < :afterStart or (startedAt = :afterStart and id < :afterId))");
            params.put("afterStart", afterStart);
            params.put("afterId", afterId);
        }
        var query = em.createQuery("from Episode where " + where + " order by startedAt desc, id desc", Episode.class)
                .setMaxResults(size + 1);
        params.forEach(query::setParameter);
        List<Episode> rows = query.getResultList();
        boolean more = rows.size() > size;
        List<EpisodeView> items = rows.stream().limit(size).map(EpisodeView::of).toList();
        String next = more ? Cursors.encode(items.get(size - 1).startedAt().toInstant().toString(),
                items.get(size - 1).id().toString()) : null;
        return new Page<>(items, next);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EpisodeSummary summary(String patientId, int days) {
        Instant to = clock.instant();
        Instant from = to.minus(days, ChronoUnit.DAYS);
        List<Object[]> rows = em.createQuery("""
                        select startedAt, startedOffsetSeconds, durationSeconds, painScore, wokeFromSleep, site
                        from Episode where patientId = :patient and startedAt >= :from and startedAt <= :to""", Object[].class)
                .setParameter("patient", patientId).setParameter("from", from)
                .setParameter("to", to.plus(config.maxFutureSkew())).getResultList();
        Set<LocalDate> nights = new HashSet<>();
        Set<LocalDate> wokenNights = new HashSet<>();
        Integer longest = null;
        Integer highest = null;
        Map<String, Integer> bySite = new TreeMap<>();
        for (Object[] r : rows) {
            LocalDate night = Nights.nightOf((Instant) r[0], (Integer) r[1]);
            nights.add(night);
            if ((Boolean) r[4]) {
                wokenNights.add(night);
            }
            int duration = (Integer) r[2];
            int pain = ((Number) r[3]).intValue();
            longest = longest == null ? duration : Math.max(longest, duration);
            highest = highest == null ? pain : Math.max(highest, pain);
            bySite.merge((String) r[5], 1, Integer::sum);
        }
        return new EpisodeSummary(patientId, days, from, to, rows.size(), nights.size(), wokenNights.size(), longest,
                highest, bySite);
    }

    private static String[] names(List<? extends Enum<?>> values) {
        if (values == null) {
            return new String[0];
        }
        Set<String> distinct = new LinkedHashSet<>();
        values.forEach(v -> distinct.add(v.name()));
        return distinct.toArray(String[]::new);
    }

    private String hash(NewEpisode request) {
        try {
            byte[] json = mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
