package crampwatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading the claims of a bearer token the services will verify (the dashboard does not trust them for access:
 * it only shows who is signed in and when the session ends), and minting DEVELOPMENT clinician tokens with the
 * development private key, the same claims as {@code bin/token}.
 */
final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    record Claims(String subject, Instant expiresAt, boolean clinician) {
    }

    static Optional<Claims> read(String token) {
        try {
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                return Optional.empty();
            }
            JsonNode c = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            boolean clinician = false;
            for (JsonNode g : c.path("groups")) {
                clinician |= crampwatch.common.security.Roles.CLINICIAN.equals(g.asText());
            }
            String sub = c.path("sub").asText(c.path("upn").asText(""));
            if (sub.isEmpty() || !c.path("exp").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new Claims(sub, Instant.ofEpochSecond(c.path("exp").asLong()), clinician));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static String mint(PrivateKey key, String subject, String issuer, String audience, Duration validFor) {
        Instant now = Instant.now();
        com.fasterxml.jackson.databind.node.ObjectNode p = JSON.createObjectNode();
        p.put("iss", issuer).put("sub", subject).put("upn", subject).put("aud", audience)
                .put("iat", now.getEpochSecond()).put("exp", now.plus(validFor).getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        p.putArray("groups").add(crampwatch.common.security.Roles.CLINICIAN);
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(p.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the development token", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
