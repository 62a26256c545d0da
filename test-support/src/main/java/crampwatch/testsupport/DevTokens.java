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
 * <pre>bin/token --sub p-123 --role patient [--hours 12]</pre>
 */
public final class DevTokens {

    public static final String ISSUER = "crampwatch";
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
        long iat = now.getEpochSecond();
        long exp = now.plus(validFor).getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + json(issuer) + "\",\"sub\":\"" + json(subject) + "\",\"upn\":\"" + json(subject)
                + "\",\"groups\":[\"" + json(role) + "\"],\"iat\":" + iat + ",\"exp\":" + exp
                + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the development token", e);
        }
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

    /** {@code --sub ID --role patient|clinician [--hours N] --key FILE}: prints one token. */
    public static void main(String[] args) {
        String sub = null;
        String role = null;
        long hours = 12;
        Path key = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sub" -> sub = args[i + 1];
                case "--role" -> role = args[i + 1];
                case "--hours" -> hours = Long.parseLong(args[i + 1]);
                case "--key" -> key = Path.of(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (sub == null || role == null) {
            usage("--sub and --role are required");
        }
        if (!role.equals("patient") && !role.equals("clinician")) {
            usage("--role is patient or clinician");
        }
        System.out.println(sign(loadKey(key), sub, role, Duration.ofHours(hours), ISSUER));
    }

    private static void usage(String problem) {
        System.err.println("token: " + problem);
        System.err.println("usage: bin/token --sub ID --role patient|clinician [--hours N]   (DEVELOPMENT tokens only)");
        System.exit(2);
    }
}
