package crampwatch.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * smallrye-jwt's token verification with a small cache of tokens that have already passed it.
 * <p>
 * A portal backend or dashboard sends the same bearer token with every request of a session; checking its RS256
 * signature again each time was a fifth of episode-service's CPU per request (docs/benchmarks.md). A token is
 * verified in full (signature, issuer, audience, expiry, maximum age) by smallrye-jwt the first time, and its
 * {@code iat} must not lie in the future beyond the clock skew (checked here: smallrye-jwt does not); after that the
 * exact same token string maps to the principal that check produced, until the token's own {@code exp} or the end of
 * its maximum age ({@code mp.jwt.verify.token.age}), whichever comes first, and never longer than
 * {@code crampwatch.security.verified-token-cache.max-age-seconds}. A token that failed is never cached, an
 * expired one is never served, and any other string (another signature, one changed character) is a cache miss
 * that goes through the full check. The cache holds at most {@code crampwatch.security.verified-token-cache.size}
 * tokens; {@code size=0} turns it off. Revocation is unaffected: CrampWatch's tokens cannot be revoked before
 * they expire, cached or not.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    private record Verified(JWTCallerPrincipal principal, long validUntilMillis) {
    }

    private final JWTCallerPrincipalFactory verifier;
    private final int capacity;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokenCache(@ConfigProperty(name = "crampwatch.security.verified-token-cache.size", defaultValue = "2048") int capacity,
            @ConfigProperty(name = "crampwatch.security.verified-token-cache.max-age-seconds", defaultValue = "300") long maxAgeSeconds) {
        this(new DefaultJWTCallerPrincipalFactory(), capacity, maxAgeSeconds * 1000, System::currentTimeMillis);
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, int capacity, long maxAgeMillis, LongSupplier clock) {
        this.verifier = verifier;
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (capacity <= 0) {
            return notIssuedInTheFuture(verifier.parse(token, authContextInfo), authContextInfo, clock.getAsLong());
        }
        long now = clock.getAsLong();
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now < hit.validUntilMillis()) {
                return hit.principal();
            }
            verified.remove(token, hit);
        }
        JWTCallerPrincipal principal = notIssuedInTheFuture(verifier.parse(token, authContextInfo), authContextInfo, now);
        long expiresMillis = principal.getExpirationTime() * 1000;
        long until = Math.min(expiresMillis, now + maxAgeMillis);
        Long tokenAge = authContextInfo.getTokenAge();
        long issuedAt = issuedAtSeconds(principal);
        if (tokenAge != null && issuedAt > 0) {
            // mp.jwt.verify.token.age: a cached token is served no longer than the full check would accept it.
            until = Math.min(until, (issuedAt + tokenAge) * 1000);
        }
        if (until > now) {
            makeRoom(now);
            verified.put(token, new Verified(principal, until));
        }
        return principal;
    }

    /**
     * smallrye-jwt checks {@code iat} against the maximum age ({@code mp.jwt.verify.token.age}) but not against the
     * future: a token "issued" later than now plus the clock skew ({@code mp.jwt.verify.clock.skew}) was minted by a
     * clock or a party we do not trust, and would outlive the maximum age. Refused here, for the first (uncached) use.
     */
    static JWTCallerPrincipal notIssuedInTheFuture(JWTCallerPrincipal principal, JWTAuthContextInfo info, long nowMillis)
            throws ParseException {
        long iat = issuedAtSeconds(principal);
        if (iat > 0 && iat * 1000 > nowMillis + info.getClockSkew() * 1000L) {
            throw new ParseException("The token's iat lies in the future beyond the allowed clock skew");
        }
        return principal;
    }

    /** The token's {@code iat} in seconds, or 0 when it has none. */
    static long issuedAtSeconds(JWTCallerPrincipal principal) {
        Object iat = principal.getClaim("iat");
        if (iat instanceof Number n) {
            return n.longValue();
        }
        if (iat instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        if (iat instanceof org.jose4j.jwt.NumericDate d) {
            return d.getValue();
        }
        return 0;
    }

    /** Whether this exact token is held as verified and still valid. */
    public boolean holds(String token) {
        Verified v = verified.get(token);
        return v != null && clock.getAsLong() < v.validUntilMillis();
    }

    /** How many verified tokens are held now (for tests and metrics). */
    public int size() {
        return verified.size();
    }

    private void makeRoom(long now) {
        if (verified.size() < capacity) {
            return;
        }
        verified.values().removeIf(v -> v.validUntilMillis() <= now);
        if (verified.size() >= capacity) {
            // Full of live tokens: start again rather than track recency on every request.
            verified.clear();
        }
    }
}
