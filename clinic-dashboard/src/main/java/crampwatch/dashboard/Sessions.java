package crampwatch.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed-in clinicians, in this process's memory: a session is a random id (the {@code cw_session} cookie,
 * HttpOnly, SameSite=Strict) standing for the clinician's bearer token, which never reaches the browser. A
 * session ends when its token expires or the clinician signs out; a restart signs everyone out.
 *
 * <p>CSRF: every form carries {@link #csrf(String)} of the credential it was rendered for (the session id, or
 * the forwarded token behind a proxy), an HMAC under a key made at start, and every POST must send it back.
 */
@ApplicationScoped
public class Sessions {

    public record Session(String id, String token, String clinician, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final byte[] csrfKey = random(32);

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public static String newId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
    }

    public Session open(String token, String clinician, Instant expiresAt) {
        Session s = new Session(newId(), token, clinician, expiresAt);
        sessions.put(s.id(), s);
        sessions.values().removeIf(old -> old.expiresAt().isBefore(Instant.now()));
        return s;
    }

    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s != null && s.expiresAt().isBefore(Instant.now())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The CSRF token of forms rendered for this credential. */
    public String csrf(String credential) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean csrfMatches(String credential, String sent) {
        return sent != null && credential != null
                && MessageDigest.isEqual(csrf(credential).getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
    }
}
