package crampwatch.episode.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.api.Cursors;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.NotFoundProblem;
import crampwatch.common.api.Page;
import crampwatch.common.api.Problem;
import crampwatch.common.events.EpisodeContract;
import crampwatch.episode.config.EpisodeConfig;
import crampwatch.episode.domain.Episode;
import crampwatch.episode.domain.EpisodeSummary;
import crampwatch.episode.domain.NewEpisode;
import crampwatch.episode.messaging.EpisodeEvents;
import crampwatch.episode.persistence.EpisodeRepository;
import crampwatch.episode.persistence.IdempotencyKeyEntity;
import crampwatch.episode.persistence.IdempotencyKeyRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Episode logging. Every change commits together with its event in the outbox, so a 201 means the
 * episode is stored and its event will reach Kafka, whether or not Kafka answers right now.
 */
@ApplicationScoped
@Transactional
public class EpisodeService {

    /** What {@link #log} did: the stored episode, and whether this request created it or replayed a retry. */
    public record Logged(Episode episode, boolean replayed) {
    }

    @Inject
    EpisodeRepository episodes;

    @Inject
    IdempotencyKeyRepository keys;

    @Inject
    EpisodeWriter writer;

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

    /**
     * Stores a new episode with its EpisodeLogged event. Without an Idempotency-Key the episode goes through the
     * group commit ({@link EpisodeWriter}); with one (or with group commit switched off), the key's claim, the
     * episode and its event share a transaction of their own (a retry must see either all of them or none).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Logged log(String patientId, String idempotencyKey, NewEpisode request) {
        // The instant the window is checked against is the recordedAt the event carries, so a consumer that checks the
        // event (EpisodeContract.checkEvent) comes to the same answer.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Problem.FieldError> outside = EpisodeContract.checkStartedAt(request.startedAt(), now);
        if (!outside.isEmpty()) {
            throw new InvalidInputException(outside);
        }
        Episode view = newEpisode(patientId, request, now);
        if (idempotencyKey == null && config.groupCommit().enabled()) {
            writer.store(view);
            logged.increment();
            return new Logged(view, false);
        }
        String hash = idempotencyKey == null ? null : hash(request);
        Logged result = QuarkusTransaction.requiringNew().call(() -> {
            if (idempotencyKey != null && !keys.claim(patientId, idempotencyKey, hash, view.id(), now)) {
                return replay(patientId, idempotencyKey, hash);
            }
            episodes.add(List.of(view));
            events.logged(view);
            return new Logged(view, false);
        });
        if (!result.replayed()) {
            logged.increment();
        }
        return result;
    }

    private Episode newEpisode(String patientId, NewEpisode request, Instant now) {
        OffsetDateTime started = request.startedAt().truncatedTo(ChronoUnit.MICROS);
        return new Episode(UUID.randomUUID(), patientId, started, request.durationSeconds(), request.site().name(),
                request.side().name(), request.painScore(), request.wokeFromSleep(), names(request.relievedBy()),
                names(request.symptoms()), names(request.exposures()), request.notes(), now.truncatedTo(ChronoUnit.MICROS));
    }

    private Logged replay(String patientId, String key, String hash) {
        IdempotencyKeyEntity claimed = keys.claimed(patientId, key)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished while in use"));
        if (!hash.equals(claimed.requestHash)) {
            throw new ClientErrorException("This Idempotency-Key was already used for a different episode.",
                    Response.Status.CONFLICT);
        }
        Episode original = episodes.findForPatient(patientId, claimed.episodeId)
                .orElseThrow(() -> new ClientErrorException("The episode created with this Idempotency-Key was deleted.",
                        Response.Status.CONFLICT));
        return new Logged(original, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Episode get(String patientId, UUID id) {
        return episodes.findForPatient(patientId, id).orElseThrow(() -> new NotFoundProblem("episode"));
    }

    public void retract(String patientId, UUID id) {
        if (!episodes.deleteForPatient(patientId, id)) {
            throw new NotFoundProblem("episode");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        events.retracted(patientId, id, now);
        retracted.increment();
    }

    /** Newest first; {@code from} inclusive, {@code to} exclusive, on the reported start. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Episode> list(String patientId, OffsetDateTime from, OffsetDateTime to, Integer limit, String cursor) {
        int size = limit == null ? config.defaultPageSize() : Math.min(limit, config.maxPageSize());
        Instant afterStart = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> parts = Cursors.decode(cursor, 2);
            afterStart = Cursors.instant(parts.get(0));
            afterId = Cursors.uuid(parts.get(1));
        }
        List<Episode> rows = episodes.page(patientId, from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                afterStart, afterId, size + 1);
        boolean more = rows.size() > size;
        List<Episode> items = rows.stream().limit(size).toList();
        String next = more ? Cursors.encode(items.get(size - 1).startedAt().toInstant().toString(),
                items.get(size - 1).id().toString()) : null;
        return new Page<>(items, next);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EpisodeSummary summary(String patientId, int days) {
        Instant to = clock.instant();
        Instant from = to.minus(days, ChronoUnit.DAYS);
        return EpisodeSummary.of(patientId, days, from, to,
                episodes.summaryRows(patientId, from, to.plus(EpisodeContract.MAX_FUTURE)));
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        values.forEach(v -> distinct.add(v.name()));
        return List.copyOf(distinct);
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
