package crampwatch.notification.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Signatures and URL rules, without Quarkus. */
class WebhookDomainTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceExample() {
        // The example of the Standard Webhooks reference libraries (github.com/standard-webhooks/standard-webhooks).
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringARotationBothSecretsSign() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();
        assertThat(WebhookSignature.isValidSecret(a)).isTrue();
        assertThat(WebhookSignature.header(a, b, "id", 1, "{}").split(" "))
                .containsExactly(WebhookSignature.sign(a, "id", 1, "{}"), WebhookSignature.sign(b, "id", 1, "{}"));
        assertThat(WebhookSignature.header(a, null, "id", 1, "{}")).doesNotContain(" ");
    }

    @Test
    void secretsMustBeWhsecAndEnoughRandomBytes() {
        assertThat(WebhookSignature.isValidSecret("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]))).isTrue();
        assertThat(WebhookSignature.isValidSecret("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[16]))).isFalse();
        assertThat(WebhookSignature.isValidSecret("hunter2")).isFalse();
        assertThat(WebhookSignature.isValidSecret(null)).isFalse();
        assertThat(WebhookSignature.isValidSecret("whsec_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")).isFalse();
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(WebhookUrls.refusal(loopback, false, false)).contains("resolves to a loopback address");
        assertThat(WebhookUrls.refusal(InetAddress.getByName("::1"), false, true)).isPresent();
        assertThat(WebhookUrls.refusal(loopback, true, false)).isEmpty();
    }

    @Test
    void privateLinkLocalAndSharedAddressesAreRefusedUnlessPrivateNetworksAreAllowed() throws Exception {
        for (String a : new String[] {"10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "fd12::1", "fe80::1",
                "::ffff:10.0.0.1"}) {
            InetAddress address = InetAddress.getByName(a);
            assertThat(WebhookUrls.refusal(address, true, false)).as(a).isPresent();
            assertThat(WebhookUrls.refusal(address, false, true)).as(a).isEmpty();
        }
        assertThat(WebhookUrls.refusal(InetAddress.getByName("0.0.0.0"), true, true)).isPresent();
        assertThat(WebhookUrls.refusal(InetAddress.getByName("93.184.215.14"), false, false)).isEmpty();
        assertThat(WebhookUrls.refusal(InetAddress.getByName("2606:4700::1"), false, false)).isEmpty();
    }

    @Test
    void urlsMustBeHttpsWhenRequiredAndCarryNoCredentials() {
        assertThat(WebhookUrls.parse("http://portal.example/hook", true).problem()).isEqualTo("must use https");
        assertThat(WebhookUrls.parse("http://portal.example/hook", false).problem()).isNull();
        assertThat(WebhookUrls.parse("https://portal.example/hook?x=1", true).problem()).isNull();
        assertThat(WebhookUrls.parse("https://u:p@portal.example/hook", true).problem()).contains("password");
        assertThat(WebhookUrls.parse("https://portal.example/hook#f", true).problem()).contains("fragment");
        assertThat(WebhookUrls.parse("file:///etc/passwd", false).problem()).contains("absolute https");
        assertThat(WebhookUrls.parse("https:///nohost", true).problem()).isNotNull();
        assertThat(WebhookUrls.parse("not a url", true).problem()).isNotNull();
    }
}
