package crampwatch.notification.domain;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/**
 * The one rule for an email address CrampWatch will mail: checked when contacts are stored ({@code PUT …/contacts},
 * 400 naming the entry) and again by the sender before every attempt (a stored address that breaks it — one written
 * before this rule existed — fails at once instead of being retried until the attempts run out).
 * <p>
 * An address is a plain {@code local@domain} in printable ASCII: jakarta.mail's strict RFC 822 parser must accept it
 * as exactly that address (no display name, no group, no route), and on top of that
 * <ul>
 * <li>at most 254 characters, the local part at most 64 (RFC 5321);</li>
 * <li>the local part is a dot-atom: letters, digits and {@code !#$%&'*+-/=?^_`{|}~}, dots only between them — no quoted
 * strings or comments ({@code "q,x;(c)<a>"@mk.example});</li>
 * <li>the domain is a host name: at least two labels of letters, digits and inner hyphens (1–63 characters each), a
 * top-level label that is not all digits — no IP literals ({@code [192.0.2.1]}, {@code 192.0.2.1}), no spaces, no
 * control, zero-width or other non-ASCII characters (an internationalised domain is given in its {@code xn--} form).</li>
 * </ul>
 * The answer names the rule that failed, never the address, so it can go into a problem body or a log line.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL = 64;
    static final int MAX_LABEL = 63;
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddresses() {
    }

    /** Why this address will not be mailed, or {@code null} when it is fine. */
    public static String problem(String address) {
        if (address == null || address.isEmpty()) {
            return "an email address is required";
        }
        if (address.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return "must be printable ASCII without spaces (no control, zero-width or other non-ASCII characters)";
            }
        }
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            return "must be one local part, one '@' and a domain";
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        String localProblem = localPart(local);
        if (localProblem != null) {
            return localProblem;
        }
        String domainProblem = domain(domain);
        if (domainProblem != null) {
            return domainProblem;
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.getPersonal() != null || parsed.isGroup() || !address.equals(parsed.getAddress())) {
                return "must be a plain address without a display name";
            }
        } catch (AddressException e) {
            return "is not a valid email address";
        }
        return null;
    }

    /** Whether the address may be mailed. */
    public static boolean isValid(String address) {
        return problem(address) == null;
    }

    private static String localPart(String local) {
        if (local.isEmpty()) {
            return "the part before '@' is empty";
        }
        if (local.length() > MAX_LOCAL) {
            return "the part before '@' must be at most " + MAX_LOCAL + " characters";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "the part before '@' may not start or end with a dot or have two in a row";
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && ATEXT_SYMBOLS.indexOf(c) < 0) {
                return "the part before '@' may hold only letters, digits, dots and " + ATEXT_SYMBOLS
                        + " (no quotes, commas, brackets or parentheses)";
            }
        }
        return null;
    }

    private static String domain(String domain) {
        if (domain.isEmpty()) {
            return "the domain is empty";
        }
        if (domain.startsWith("[")) {
            return "the domain must be a host name, not an IP literal";
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "the domain must have at least two labels (like clinic.example)";
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                return "each label of the domain must have 1 to " + MAX_LABEL + " characters";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "a label of the domain may not start or end with '-'";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!isAsciiLetterOrDigit(c) && c != '-') {
                    return "the domain may hold only letters, digits, hyphens and dots";
                }
            }
        }
        String top = labels[labels.length - 1];
        if (top.chars().allMatch(Character::isDigit)) {
            return "the domain must be a host name, not an IP address";
        }
        return null;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The form two addresses are compared in (duplicates): the domain is case-insensitive, and so are most mailboxes. */
    public static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
