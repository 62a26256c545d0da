package crampwatch.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint check behind the production profile's refusal of the development key (no Quarkus). */
class DevelopmentKeyGuardTest {

    static final String DEV_LOCATION = "dev-jwt/crampwatch-dev-public-key.pem";

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void theFingerprintIsTheShippedDevelopmentKeys() throws Exception {
        PublicKey dev = KeyUtils.decodePublicKey(ResourceUtils.readResource(DEV_LOCATION));
        assertThat(DevelopmentKeyGuard.fingerprint(dev)).isEqualTo(DevelopmentKeyGuard.DEVELOPMENT_KEY_SHA256);
    }

    @Test
    void theDevelopmentKeyIsRefusedHoweverItIsGiven(@TempDir Path dir) throws Exception {
        String pem = ResourceUtils.readResource(DEV_LOCATION);
        PublicKey dev = KeyUtils.decodePublicKey(pem);
        Path file = Files.writeString(dir.resolve("copy.pem"), pem);
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(dev);
        jwk.setKeyId("dev");
        String jwks = new JsonWebKeySet(jwk).toJson();

        for (Optional<String> location : java.util.List.of(Optional.of(DEV_LOCATION), Optional.of("classpath:" + DEV_LOCATION),
                Optional.of("file:" + file), Optional.of(file.toString()))) {
            assertThatThrownBy(() -> DevelopmentKeyGuard.decide(false, Optional.empty(), location)).as(location.get())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEVELOPMENT key")
                    .hasMessageContaining(DevelopmentKeyGuard.SWITCH);
        }
        for (String inline : java.util.List.of(pem, Base64.getEncoder().encodeToString(dev.getEncoded()), jwk.toJson(), jwks)) {
            assertThatThrownBy(() -> DevelopmentKeyGuard.decide(false, Optional.of(inline), Optional.empty()))
                    .isInstanceOf(IllegalStateException.class);
        }
        Path jwksFile = Files.writeString(dir.resolve("jwks.json"), jwks);
        assertThatThrownBy(() -> DevelopmentKeyGuard.decide(false, Optional.empty(), Optional.of("file:" + jwksFile)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSwitchLetsItStartAndAnotherKeyNeedsNoSwitch(@TempDir Path dir) throws Exception {
        assertThat(DevelopmentKeyGuard.decide(true, Optional.empty(), Optional.of(DEV_LOCATION)))
                .isEqualTo(DevelopmentKeyGuard.Verdict.DEVELOPMENT_KEY_ALLOWED);

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path own = Files.writeString(dir.resolve("own.pem"), pem(rsa.generateKeyPair().getPublic()));
        assertThat(DevelopmentKeyGuard.decide(false, Optional.empty(), Optional.of("file:" + own)))
                .isEqualTo(DevelopmentKeyGuard.Verdict.NOT_DEVELOPMENT_KEY);
        // An identity provider's JWKS URL is not fetched at start.
        assertThat(DevelopmentKeyGuard.decide(false, Optional.empty(), Optional.of("https://idp.example/realms/x/protocol/openid-connect/certs")))
                .isEqualTo(DevelopmentKeyGuard.Verdict.NOT_DEVELOPMENT_KEY);
    }
}
