package crampwatch.notification;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;

/** Reads what the test SMTP server received. */
public final class Mailbox {
    private Mailbox() {
    }

    /**
     * A new address whose GreenMail mailbox exists already. GreenMail creates a mailbox lazily on the first
     * delivery to an address, and two first deliveries racing (the scheduled sender and a woken one) can stall
     * one SMTP session until the mailer's 30 s timeout: seen in HeldDeliveriesTest and, on a loaded machine,
     * in ResendTest. Creating it up front leaves only our senders' races under test.
     */
    public static String newAddress(String who) {
        String address = who + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        GreenMailResource.smtp().setUser(address, address, address);
        return address;
    }

    /** Every message received for {@code address} (To). */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(GreenMailResource.smtp().getReceivedMessages()).filter(m -> isFor(m, address)).toList();
    }

    /** Waits (at most {@link Events#WAIT}) until {@code address} has at least {@code count} messages; returns them all. */
    public static List<MimeMessage> await(String address, int count) {
        Awaitility.await().atMost(Events.WAIT).pollInterval(Duration.ofMillis(100)).until(() -> to(address).size() >= count);
        return to(address);
    }

    private static boolean isFor(MimeMessage m, String address) {
        try {
            Address[] to = m.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(MimeMessage m) {
        return part(m, "text/plain");
    }

    public static String html(MimeMessage m) {
        return part(m, "text/html");
    }

    private static String part(Part p, String type) {
        try {
            if (p.isMimeType(type)) {
                return p.getContent().toString();
            }
            if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart bp = mp.getBodyPart(i);
                    String found = part(bp, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
