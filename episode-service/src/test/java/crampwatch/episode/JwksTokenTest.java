package crampwatch.episode;

import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §5: keys from an identity provider's JWKS URL. This test is the provider: a JWKS document served over HTTP
 * on a free port of this JVM (two keys, as during a rotation), an issuer of its own, and tokens signed with those keys.
 * The service is configured as an operator would (docs/operations.md): {@code mp.jwt.verify.publickey.location} = the
 * JWKS URL, {@code mp.jwt.verify.issuer} = the provider's issuer; audience, age and iat checks stay as they are.
 */
@QuarkusTest
@TestProfile(JwksTokenTest.IdentityProvider.class)
class JwksTokenTest {

    /**
     * The provider: started once per JVM. The test profile and the test run in different class loaders, so what both
     * need is handed over as system properties (strings: the issuer, the key pairs encoded, the number of JWKS requests).
     */
    static final String ISSUER = provider();
    static final KeyPair CURRENT = keyPair("current");
    static final KeyPair NEXT = keyPair("next");
    static final KeyPair UNLISTED = rsa();
    static final String PREFIX = "crampwatch.test.jwks.";

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keyPair(String name) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder b64 = Base64.getDecoder();
            return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(b64.decode(System.getProperty(PREFIX + name + ".public")))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(System.getProperty(PREFIX + name + ".private")))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static int jwksRequests() {
        return Integer.parseInt(System.getProperty(PREFIX + "requests", "0"));
    }

    static String provider() {
        synchronized (System.getProperties()) {
            String running = System.getProperty(PREFIX + "issuer");
            if (running != null) {
                return running;
            }
            try {
                JsonWebKeySet set = new JsonWebKeySet();
                for (String name : new String[] {"current", "next"}) {
                    KeyPair pair = rsa();
                    System.setProperty(PREFIX + name + ".public", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
                    System.setProperty(PREFIX + name + ".private", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                    RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
                    jwk.setKeyId(name.equals("current") ? "key-1" : "key-2");
                    jwk.setAlgorithm("RS256");
                    jwk.setUse("sig");
                    set.addJsonWebKey(jwk);
                }
                byte[] jwks = set.toJson().getBytes(StandardCharsets.UTF_8);
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/realms/crampwatch/protocol/openid-connect/certs", exchange -> {
                    synchronized (System.getProperties()) {
                        System.setProperty(PREFIX + "requests", String.valueOf(jwksRequests() + 1));
                    }
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(jwks);
                    }
                });
                server.createContext("/stop", exchange -> {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    new Thread(() -> server.stop(0)).start();
                });
                server.start();
                String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/crampwatch";
                System.setProperty(PREFIX + "issuer", issuer);
                return issuer;
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test identity provider", e);
            }
        }
    }

    public static class IdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String iss = ISSUER;
            return Map.of("mp.jwt.verify.publickey.location", iss + "/protocol/openid-connect/certs",
                    "mp.jwt.verify.issuer", iss);
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopProvider() {
        String base = ISSUER.substring(0, ISSUER.indexOf("/realms/"));
        given().post(base + "/stop").then().statusCode(204);
    }

    static String token(KeyPair key, String kid, DevTokens.Claims claims) {
        return DevTokens.sign(key.getPrivate(), claims.keyId(kid));
    }

    @Test
    void tokensSignedWithTheProvidersKeysAreAcceptedAndOthersAre401() {
        String patient = newPatient();
        DevTokens.Claims claims = DevTokens.Claims.of(patient, "patient").issuer(ISSUER);

        given().auth().oauth2(token(CURRENT, "key-1", claims)).get("/patients/{p}/episodes", patient).then().statusCode(200);
        // The second key of the set (a rotation in progress) is as good.
        given().auth().oauth2(token(NEXT, "key-2", claims)).get("/patients/{p}/episodes", patient).then().statusCode(200);
        assertThat(jwksRequests()).as("the keys came from the JWKS URL").isPositive();

        // Refused: a key the provider does not list (with a listed or unlisted kid), the development key, another issuer,
        // the provider's token for another audience, too old, issued in the future.
        Instant now = Instant.now();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("unlisted key, unknown kid", token(UNLISTED, "key-3", claims));
        refused.put("unlisted key, listed kid", token(UNLISTED, "key-1", claims));
        refused.put("development key", DevTokens.patient(patient));
        refused.put("development key with the provider's issuer", DevTokens.mint(claims));
        refused.put("another issuer", token(CURRENT, "key-1", claims.issuer("crampwatch")));
        refused.put("another audience", token(CURRENT, "key-1", claims.audience("account")));
        refused.put("too old", token(CURRENT, "key-1", claims.issuedAt(now.minus(Duration.ofHours(13)))));
        refused.put("iat in the future", token(CURRENT, "key-1", claims.issuedAt(now.plus(Duration.ofMinutes(10)))));
        refused.forEach((what, token) -> given().auth().oauth2(token).get("/patients/{p}/episodes", patient).then()
                .statusCode(401).contentType("application/problem+json"));

        // Roles still come from "groups", and a patient still reaches only its own data.
        given().auth().oauth2(token(CURRENT, "key-1", claims)).get("/patients/{p}/episodes", newPatient()).then().statusCode(403);
        given().auth().oauth2(token(CURRENT, "key-1", DevTokens.Claims.of("dr-idp", "clinician").issuer(ISSUER)))
                .get("/patients/{p}/episodes", patient).then().statusCode(200);
    }
}
