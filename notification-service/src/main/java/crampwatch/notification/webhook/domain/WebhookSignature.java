package crampwatch.notification.webhook.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures in the style of the Standard Webhooks specification (standardwebhooks.com): a secret is {@code whsec_}
 * followed by the base64 of 24 to 64 random bytes; the signed content is {@code <webhook-id>.<webhook-timestamp>.<body>};
 * the signature is {@code v1,} followed by the base64 of its HMAC-SHA256 under the secret's bytes. Pure, no I/O.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    /** {@code whsec_} and standard base64 (with padding) of 24 to 64 bytes. */
    public static final Pattern SECRET = Pattern.compile("^whsec_[A-Za-z0-9+/]{32,88}={0,2}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new random secret (32 bytes). */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code secret} is one this service accepts (and can decode). */
    public static boolean isValidSecret(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return false;
        }
        try {
            int n = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
            return n >= 24 && n <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The header value: the signature under {@code secret}, then (during a rotation) under {@code previous}, space-separated. */
    public static String header(String secret, String previous, String id, long timestampSeconds, String body) {
        String current = sign(secret, id, timestampSeconds, body);
        return previous == null ? current : current + " " + sign(previous, id, timestampSeconds, body);
    }
}
