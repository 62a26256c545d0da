package crampwatch.common.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A service started for real (a jar, an image: Quarkus's normal launch mode, the {@code prod} profile) refuses to start
 * when the key it verifies tokens with is the <b>development</b> public key: its private half is in the repository, so
 * anyone could mint tokens such a deployment accepts. The key is recognised by the SHA-256 fingerprint of its encoded
 * form (X.509 SubjectPublicKeyInfo), whether configured as PEM, base64, a JWK or a JWK set, inline
 * ({@code mp.jwt.verify.publickey}) or from a file or classpath location ({@code mp.jwt.verify.publickey.location}).
 * A JWKS URL (http/https: an identity provider) is not fetched here.
 * <p>
 * The one way past it is an explicit, insecure development switch, {@code crampwatch.security.allow-development-key=true}
 * ({@code CRAMPWATCH_ALLOW_DEVELOPMENT_KEY}), for local runs of the built jars (bin/stack, the end-to-end tests, a local
 * compose run): the service then starts and says so at ERROR level. Dev and test mode are not checked (they use the
 * development key by design).
 */
@ApplicationScoped
public class DevelopmentKeyGuard {

    /** SHA-256 of the development public key's encoded form (common/src/main/resources/dev-jwt/crampwatch-dev-public-key.pem). */
    public static final String DEVELOPMENT_KEY_SHA256 = "648ef83e71f70e1dff3a601903acbbf8c93d932f9996e610a565083651e605c8";
    public static final String SWITCH = "crampwatch.security.allow-development-key";

    /** What the check found. */
    public enum Verdict {
        /** The configured key is not the development key (or is an identity provider's JWKS URL). */
        NOT_DEVELOPMENT_KEY,
        /** It is the development key, and the insecure switch allows it. */
        DEVELOPMENT_KEY_ALLOWED
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        var config = ConfigProvider.getConfig();
        boolean allow = config.getOptionalValue(SWITCH, Boolean.class).orElse(false);
        Verdict verdict = decide(allow, config.getOptionalValue("mp.jwt.verify.publickey", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey.location", String.class));
        if (verdict == Verdict.DEVELOPMENT_KEY_ALLOWED) {
            Log.error("INSECURE: this service accepts tokens signed with the DEVELOPMENT key, whose private half is in the "
                    + "repository: anyone can mint tokens it accepts. Allowed only because " + SWITCH + "=true "
                    + "(CRAMPWATCH_ALLOW_DEVELOPMENT_KEY). Never in production: configure CRAMPWATCH_JWT_PUBLIC_KEY "
                    + "(your identity provider's key or JWKS URL) and drop the switch.");
        }
    }

    /**
     * Refuses (IllegalStateException) the development key unless {@code allow}; a key that cannot be read is left to
     * smallrye-jwt, which refuses every token it cannot verify.
     */
    public static Verdict decide(boolean allow, Optional<String> inlineKey, Optional<String> location) {
        List<String> fingerprints = new ArrayList<>();
        inlineKey.filter(k -> !k.isBlank()).ifPresent(k -> fingerprints.addAll(fingerprints(k)));
        location.filter(l -> !l.isBlank() && !isRemote(l)).ifPresent(l -> {
            try {
                String content = ResourceUtils.readResource(l);
                if (content != null) {
                    fingerprints.addAll(fingerprints(content));
                }
            } catch (java.io.IOException | RuntimeException e) {
                Log.debugf("The verification key at the configured location could not be read for the development-key check (%s)",
                        e.getClass().getSimpleName());
            }
        });
        if (!fingerprints.contains(DEVELOPMENT_KEY_SHA256)) {
            return Verdict.NOT_DEVELOPMENT_KEY;
        }
        if (allow) {
            return Verdict.DEVELOPMENT_KEY_ALLOWED;
        }
        throw new IllegalStateException("Refusing to start: the JWT verification key is the DEVELOPMENT key (SHA-256 "
                + DEVELOPMENT_KEY_SHA256 + "), whose private half is in the repository. Configure your own key or JWKS URL "
                + "(CRAMPWATCH_JWT_PUBLIC_KEY, see docs/operations.md); for a local run only, set " + SWITCH
                + "=true (CRAMPWATCH_ALLOW_DEVELOPMENT_KEY=true).");
    }

    static boolean isRemote(String location) {
        String l = location.trim().toLowerCase(Locale.ROOT);
        return l.startsWith("http:") || l.startsWith("https:");
    }

    /** The SHA-256 fingerprints of the public keys in a PEM, base64, JWK or JWK set text; empty when none can be read. */
    public static List<String> fingerprints(String keyText) {
        List<String> out = new ArrayList<>();
        String text = keyText.trim();
        try {
            if (text.startsWith("{")) {
                JsonWebKeySet set = text.contains("\"keys\"") ? new JsonWebKeySet(text)
                        : new JsonWebKeySet(JsonWebKey.Factory.newJwk(text));
                for (JsonWebKey jwk : set.getJsonWebKeys()) {
                    if (jwk instanceof PublicJsonWebKey pub && pub.getPublicKey() != null) {
                        out.add(fingerprint(pub.getPublicKey()));
                    }
                }
            } else {
                out.add(fingerprint(KeyUtils.decodePublicKey(text)));
            }
        } catch (Exception e) {
            Log.debugf("A configured verification key could not be parsed for the development-key check (%s)",
                    e.getClass().getSimpleName());
        }
        return out;
    }

    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
