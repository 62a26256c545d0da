package crampwatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints DEVELOPMENT bearer tokens (RS256, issuer {@code crampwatch}) signed with the development key
 * that ships in this test module. Services accept them only where they are configured with the
 * development public key (dev and test profiles, and {@code bin/stack}); production keys come from
 * configuration. JDK only, so {@code bin/token} runs this file directly with {@code java}.
 *
 * <pre>bin/token --sub p-123 --role patient [--hours 12] [--aud crampwatch]</pre>
 * Tokens carry {@code aud} = {@link #AUDIENCE} and {@code iat}; the services refuse a token older than their maximum
 * age (12 h by default) or issued in the future.
 */
public final class DevTokens {

    public static final String ISSUER = "crampwatch";
    /** The audience the services accept by default ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "crampwatch";
    static final String KEY_RESOURCE = "dev-jwt/crampwatch-dev-private-key.pem";

    private DevTokens() {
    }

    public static String patient(String patientId) {
        return mint(patientId, "patient", Duration.ofHours(1));
    }

    public static String clinician(String clinicianId) {
        return mint(clinicianId, "clinician", Duration.ofHours(1));
    }

    public static String mint(String subject, String role, Duration validFor) {
        return sign(loadKey(null), subject, role, validFor, ISSUER);
    }

    /** A token with a chosen issuer or lifetime, for tests that check such tokens are refused. */
    public static String mintWithIssuer(String subject, String role, Duration validFor, String issuer) {
        return sign(loadKey(null), subject, role, validFor, issuer);
    }

    /** A token signed with any key: tests use a foreign key to check such tokens are refused. */
    public static String sign(PrivateKey key, String subject, String role, Duration validFor, String issuer) {
        Instant now = Instant.now();
        return sign(key, new Claims(subject, role, issuer, AUDIENCE, now, now.plus(validFor), null));
    }

    /**
     * What a token says: {@code audience} null leaves {@code aud} out, {@code issuedAt} null leaves {@code iat} out,
     * {@code keyId} non-null puts a {@code kid} into the header (a JWKS picks its key by it).
     */
    public record Claims(String subject, String role, String issuer, String audience, Instant issuedAt, Instant expiresAt,
                         String keyId) {
        /** A development token as {@link #mint} makes it, valid for an hour from now. */
        public static Claims of(String subject, String role) {
            Instant now = Instant.now();
            return new Claims(subject, role, ISSUER, AUDIENCE, now, now.plus(Duration.ofHours(1)), null);
        }

        public Claims audience(String aud) {
            return new Claims(subject, role, issuer, aud, issuedAt, expiresAt, keyId);
        }

        public Claims issuer(String iss) {
            return new Claims(subject, role, iss, audience, issuedAt, expiresAt, keyId);
        }

        public Claims issuedAt(Instant iat) {
            return new Claims(subject, role, issuer, audience, iat, expiresAt, keyId);
        }

        public Claims expiresAt(Instant exp) {
            return new Claims(subject, role, issuer, audience, issuedAt, exp, keyId);
        }

        public Claims keyId(String kid) {
            return new Claims(subject, role, issuer, audience, issuedAt, expiresAt, kid);
        }
    }

    /** A token with chosen claims, signed with the development key. */
    public static String mint(Claims claims) {
        return sign(loadKey(null), claims);
    }

    /** A token with chosen claims, signed with any key. */
    public static String sign(PrivateKey key, Claims c) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"" + (c.keyId() == null ? "" : ",\"kid\":\"" + json(c.keyId()) + "\"") + "}";
        StringBuilder payload = new StringBuilder("{\"iss\":\"" + json(c.issuer()) + "\",\"sub\":\"" + json(c.subject())
                + "\",\"upn\":\"" + json(c.subject()) + "\",\"groups\":[\"" + json(c.role()) + "\"]");
        if (c.audience() != null) {
            payload.append(",\"aud\":\"").append(json(c.audience())).append('"');
        }
        if (c.issuedAt() != null) {
            payload.append(",\"iat\":").append(c.issuedAt().getEpochSecond());
        }
        payload.append(",\"exp\":").append(c.expiresAt().getEpochSecond()).append(",\"jti\":\"").append(java.util.UUID.randomUUID()).append("\"}");
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the development token", e);
        }
    }

    /**
     * Tokens signed with the development key that the services must refuse (401) although the signature is good:
     * name → token. Each says who it is for ({@code subject}, role {@code patient}).
     */
    public static java.util.Map<String, String> refusedTokens(String subject) {
        Instant now = Instant.now();
        Claims ok = Claims.of(subject, "patient");
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("expired", mint(ok.issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1)))));
        out.put("wrong issuer", mint(ok.issuer("someone-else")));
        out.put("wrong audience", mint(ok.audience("another-service")));
        out.put("no audience", mint(ok.audience(null)));
        // The services' default maximum age is 12 h (mp.jwt.verify.token.age): issued 13 h ago, still unexpired.
        out.put("too old", mint(ok.issuedAt(now.minus(Duration.ofHours(13)))));
        out.put("no iat", mint(ok.issuedAt(null)));
        // The clock skew allowed is 60 s (mp.jwt.verify.clock.skew): issued 10 minutes from now.
        out.put("iat in the future", mint(ok.issuedAt(now.plus(Duration.ofMinutes(10)))));
        return out;
    }

    static PrivateKey loadKey(Path file) {
        try {
            String pem;
            if (file != null) {
                pem = Files.readString(file);
            } else {
                try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(KEY_RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("no " + KEY_RESOURCE + " on the classpath");
                    }
                    pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not read the development private key", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** {@code --sub ID --role patient|clinician|integration [--hours N] --key FILE}: prints one token. */
    public static void main(String[] args) {
        String sub = null;
        String role = null;
        long hours = 12;
        String aud = AUDIENCE;
        Path key = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sub" -> sub = args[i + 1];
                case "--role" -> role = args[i + 1];
                case "--hours" -> hours = Long.parseLong(args[i + 1]);
                case "--key" -> key = Path.of(args[i + 1]);
                case "--aud" -> aud = args[i + 1];
                default -> usage("unknown option " + args[i]);
            }
        }
        if (sub == null || role == null) {
            usage("--sub and --role are required");
        }
        if (!role.equals("patient") && !role.equals("clinician") && !role.equals("integration")) {
            usage("--role is patient, clinician or integration");
        }
        Instant now = Instant.now();
        System.out.println(sign(loadKey(key), new Claims(sub, role, ISSUER, aud, now, now.plus(Duration.ofHours(hours)), null)));
    }

    private static void usage(String problem) {
        System.err.println("token: " + problem);
        System.err.println("usage: bin/token --sub ID --role patient|clinician|integration [--hours N (at most 12)] [--aud AUDIENCE]   (DEVELOPMENT tokens only)");
        System.exit(2);
    }
}
