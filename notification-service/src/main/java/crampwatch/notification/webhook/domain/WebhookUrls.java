package crampwatch.notification.webhook.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a receiver URL may be, and which addresses it may reach. Pure: the caller resolves the host name.
 * Loopback, private (RFC 1918, unique local, carrier-grade NAT), link-local (cloud metadata lives there), unspecified and
 * multicast addresses are refused unless configuration allows loopback or private networks: a subscription must not
 * turn this service into a way to reach the inside of its own network (SSRF).
 */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2048;

    private WebhookUrls() {
    }

    /** The parsed URL, or the reason it is refused. */
    public record Checked(URI uri, String problem) {
    }

    public static Checked parse(String url, boolean requireHttps) {
        if (url == null || url.isBlank()) {
            return new Checked(null, "a URL is required");
        }
        if (url.length() > MAX_LENGTH) {
            return new Checked(null, "at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Checked(null, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            return new Checked(null, "must be an absolute https URL");
        }
        if (requireHttps && !scheme.equals("https")) {
            return new Checked(null, "must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return new Checked(null, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return new Checked(null, "must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return new Checked(null, "must not have a fragment");
        }
        return new Checked(uri, null);
    }

    /** Why this address may not be reached, or empty when it may. */
    public static Optional<String> refusal(InetAddress address, boolean allowLoopback, boolean allowPrivate) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("resolves to a loopback address");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("resolves to an address that is not a single host");
        }
        if (address.isLinkLocalAddress()) {
            return allowPrivate ? Optional.empty() : Optional.of("resolves to a link-local address");
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address) || isSharedAddressSpace(address)) {
            return allowPrivate ? Optional.empty() : Optional.of("resolves to a private address");
        }
        return Optional.empty();
    }

    /** fc00::/7 (IPv6 unique local addresses). */
    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10 (carrier-grade NAT, RFC 6598). */
    private static boolean isSharedAddressSpace(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}
