package crampwatch.episode.domain;

import java.util.UUID;

/** A remembered Idempotency-Key: which episode it created, and a hash of the request that created it. */
public record IdempotencyKey(String patientId, String key, String requestHash, UUID episodeId) {
}
