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

    /** Stands in for smallrye-jwt: every token verifies, with the given iat and an exp an hour after now. */
    JWTCallerPrincipalFactory issuedAt(long iatSeconds, List<String> calls) {
        return new JWTCallerPrincipalFactory() {
            @Override
            public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) {
                calls.add(token);
                JwtClaims claims = new JwtClaims();
                claims.setSubject("p-1");
                claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(iatSeconds));
                claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.get() / 1000 + 3600));
                return new DefaultJWTCallerPrincipal(token, "JWT", claims);
            }
        };
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheClockSkewIsRefusedAndNotCached() throws Exception {
        info.setClockSkew(60);
        List<String> calls = new ArrayList<>();
        long nowSeconds = now.get() / 1000;
        VerifiedTokenCache future = new VerifiedTokenCache(issuedAt(nowSeconds + 61, calls), 10, 300_000, now::get);
        assertThatThrownBy(() -> future.parse("t", info)).isInstanceOf(ParseException.class).hasMessageContaining("future");
        assertThatThrownBy(() -> future.parse("t", info)).isInstanceOf(ParseException.class);
        assertThat(future.size()).isZero();
        assertThat(calls).hasSize(2);
        VerifiedTokenCache uncached = new VerifiedTokenCache(issuedAt(nowSeconds + 61, calls), 0, 300_000, now::get);
        assertThatThrownBy(() -> uncached.parse("t", info)).isInstanceOf(ParseException.class);

        VerifiedTokenCache withinSkew = new VerifiedTokenCache(issuedAt(nowSeconds + 60, calls), 10, 300_000, now::get);
        assertThat(withinSkew.parse("t", info).getSubject()).isEqualTo("p-1");
    }

    @Test
    void aCachedTokenIsServedNoLongerThanTheMaximumTokenAgeAllows() throws Exception {
        info.setTokenAge(100L);
        List<String> calls = new ArrayList<>();
        long nowSeconds = now.get() / 1000;
        VerifiedTokenCache cache = new VerifiedTokenCache(issuedAt(nowSeconds - 40, calls), 10, 300_000, now::get);
        cache.parse("t", info);
        now.addAndGet(59_000);
        assertThat(cache.holds("t")).isTrue();
        now.addAndGet(1_000); // iat + 100 s: from here only the full check may decide
        assertThat(cache.holds("t")).isFalse();
        cache.parse("t", info);
        assertThat(calls).hasSize(2);
    }
}
