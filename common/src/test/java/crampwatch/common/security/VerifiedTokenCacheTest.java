package crampwatch.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The cache in front of smallrye-jwt's verification, with a stand-in verifier and clock (no Quarkus). */
class VerifiedTokenCacheTest {

    /** Stands in for smallrye-jwt: "good-<exp seconds>" verifies with that expiry, anything else fails. */
    static final class Verifier extends JWTCallerPrincipalFactory {
        final List<String> calls = new ArrayList<>();
        final AtomicLong now;

        Verifier(AtomicLong now) {
            this.now = now;
        }

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
            calls.add(token);
            if (!token.startsWith("good-")) {
                throw new ParseException("bad signature");
            }
            long exp = Long.parseLong(token.substring(5).split("-")[0]);
            if (exp * 1000 <= now.get()) {
                throw new ParseException("expired");
            }
            JwtClaims claims = new JwtClaims();
            claims.setSubject("p-1");
            claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(exp));
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        }
    }

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final Verifier verifier = new Verifier(now);
    final JWTAuthContextInfo info = new JWTAuthContextInfo();

    VerifiedTokenCache cache(int capacity) {
        return new VerifiedTokenCache(verifier, capacity, 300_000, now::get);
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCacheUntilItExpires() throws Exception {
        VerifiedTokenCache cache = cache(10);
        String token = "good-" + (now.get() / 1000 + 60);
        JWTCallerPrincipal first = cache.parse(token, info);
        JWTCallerPrincipal second = cache.parse(token, info);
        assertThat(second).isSameAs(first);
        assertThat(verifier.calls).containsExactly(token);

        now.addAndGet(60_000); // the token's exp: it must go through the full check again, which rejects it
        assertThatThrownBy(() -> cache.parse(token, info)).isInstanceOf(ParseException.class).hasMessage("expired");
        assertThat(verifier.calls).containsExactly(token, token);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aCachedTokenIsServedNoLongerThanTheMaximumAgeEvenIfItLivesLonger() throws Exception {
        VerifiedTokenCache cache = cache(10);
        String token = "good-" + (now.get() / 1000 + 3600);
        cache.parse(token, info);
        now.addAndGet(299_000);
        cache.parse(token, info);
        assertThat(verifier.calls).hasSize(1);
        now.addAndGet(1_000);
        cache.parse(token, info);
        assertThat(verifier.calls).hasSize(2);
    }

    @Test
    void failuresAreNeverCached() {
        VerifiedTokenCache cache = cache(10);
        assertThatThrownBy(() -> cache.parse("forged", info)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse("forged", info)).isInstanceOf(ParseException.class);
        assertThat(verifier.calls).containsExactly("forged", "forged");
        assertThat(cache.size()).isZero();
    }

    @Test
    void anyOtherStringIsAMissThatGoesThroughTheFullCheck() throws Exception {
        VerifiedTokenCache cache = cache(10);
        long exp = now.get() / 1000 + 60;
        cache.parse("good-" + exp + "-a", info);
        cache.parse("good-" + exp + "-b", info);
        assertThatThrownBy(() -> cache.parse("bad-" + exp + "-a", info)).isInstanceOf(ParseException.class);
        assertThat(verifier.calls).containsExactly("good-" + exp + "-a", "good-" + exp + "-b", "bad-" + exp + "-a");
    }

    @Test
    void theCacheStaysWithinItsCapacity() throws Exception {
        VerifiedTokenCache cache = cache(3);
        long exp = now.get() / 1000 + 60;
        for (int i = 0; i < 10; i++) {
            cache.parse("good-" + exp + "-" + i, info);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void sizeZeroTurnsTheCacheOff() throws Exception {
        VerifiedTokenCache cache = cache(0);
        String token = "good-" + (now.get() / 1000 + 60);
        cache.parse(token, info);
        cache.parse(token, info);
        assertThat(verifier.calls).hasSize(2);
        assertThat(cache.size()).isZero();
    }
}
