package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one address rule the contacts API and the sender share. */
class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pat@example.org", "doc.one@clinic.example", "first.last+cramps@mail.clinic.example",
            "o'brien@example.org", "x_y-z@sub-domain.example", "a@b.co", "DOC@CLINIC.EXAMPLE", "user@xn--clnic-3sa.example",
            "weird!#$%&*/=?^`{|}~@example.org"})
    void accepts(String address) {
        assertThat(EmailAddresses.problem(address)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-an-address", "\"q,x;(c)<a>\"@mk.example", "\"quoted\"@example.org",
            "doc@clinic\u200b.example", "doc\u200b@clinic.example", "doc@clínic.example", "dóc@clinic.example",
            "doc@[192.0.2.1]", "doc@[IPv6:2001:db8::1]", "doc@192.0.2.1", "Doc <doc@clinic.example>", "<doc@clinic.example>",
            "doc@clinic", "doc@clinic.", "doc@.clinic.example", "doc@clinic..example", "doc@-clinic.example", "doc@clinic-.example",
            ".doc@clinic.example", "doc.@clinic.example", "d..oc@clinic.example", "doc(comment)@clinic.example",
            "a,b@clinic.example", "doc@@clinic.example", "a@b@clinic.example", "@clinic.example", "doc@", "doc @clinic.example",
            "doc@clinic.example\r\nBcc: x@y.example", "doc@clinic.example\u0000", "doc\t@clinic.example", "doc@clin_ic.example",
            "group: a@b.example;"})
    void refuses(String address) {
        String problem = EmailAddresses.problem(address);
        assertThat(problem).as(address).isNotNull();
        if (!address.isEmpty()) {
            assertThat(problem).as("the reason never quotes the address").doesNotContain(address);
        }
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongAddressesAndParts() {
        assertThat(EmailAddresses.problem("x".repeat(65) + "@clinic.example")).isNotNull();
        assertThat(EmailAddresses.problem("x".repeat(64) + "@clinic.example")).isNull();
        assertThat(EmailAddresses.problem("d@" + "a".repeat(64) + ".example")).isNotNull();
        String domain = ("a".repeat(60) + ".").repeat(4) + "example"; // 251 characters
        assertThat(EmailAddresses.problem("d@" + domain)).isNull(); // 253
        assertThat(EmailAddresses.problem("doc@" + domain)).isNotNull(); // 255
        assertThat(EmailAddresses.problem(null)).isNotNull();
    }
}
