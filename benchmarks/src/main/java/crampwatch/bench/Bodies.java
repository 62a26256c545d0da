package crampwatch.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Realistic episode bodies for {@code POST /patients/{id}/episodes}. */
final class Bodies {

    private static final String[] SITES = {"CALF", "CALF", "CALF", "FOOT", "TOES", "THIGH", "HAMSTRING", "SHIN"};
    private static final String[] SIDES = {"LEFT", "RIGHT", "BOTH"};
    private static final String[] RELIEF = {"STRETCHING", "MASSAGE", "WALKING", "HEAT", "COLD"};
    private static final String[] NOTES = {
            "Woke up with the calf knotted; standing on a cold floor eased it.",
            "Came on after a long day on my feet.",
            "Toes curled and would not straighten for a while.",
            "Second one tonight, milder than the first.",
            "Happened while turning over in bed."};
    private static final ZoneOffset[] OFFSETS = {ZoneOffset.ofHours(1), ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHours(-5)};

    private Bodies() {
    }

    /** An everyday episode: short, moderate pain, sometimes woke the patient; no URGENT rule fires. */
    static String ordinary() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        OffsetDateTime started = OffsetDateTime.now(OFFSETS[r.nextInt(OFFSETS.length)])
                .minusMinutes(30 + r.nextInt(10 * 60)).truncatedTo(ChronoUnit.SECONDS);
        return body(started, 15 + r.nextInt(280), 1 + r.nextInt(8), r.nextInt(3) == 0, relief(r),
                r.nextInt(3) == 0 ? NOTES[r.nextInt(NOTES.length)] : null);
    }

    /** A cramp that lasted over ten minutes: the LONG_CRAMP rule raises an URGENT escalation. */
    static String urgent() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(40).truncatedTo(ChronoUnit.SECONDS);
        return body(started, 601 + r.nextInt(900), 4, false, List.of("STRETCHING"), null);
    }

    static String body(OffsetDateTime startedAt, int durationSeconds, int pain, boolean woke, List<String> relief, String notes) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder(320);
        b.append("{\"startedAt\":\"").append(startedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('"')
                .append(",\"durationSeconds\":").append(durationSeconds)
                .append(",\"site\":\"").append(SITES[r.nextInt(SITES.length)]).append('"')
                .append(",\"side\":\"").append(SIDES[r.nextInt(SIDES.length)]).append('"')
                .append(",\"painScore\":").append(pain)
                .append(",\"wokeFromSleep\":").append(woke)
                .append(",\"relievedBy\":").append(array(relief))
                .append(",\"symptoms\":[],\"exposures\":[]");
        if (notes != null) {
            b.append(",\"notes\":\"").append(notes).append('"');
        }
        return b.append('}').toString();
    }

    private static List<String> relief(ThreadLocalRandom r) {
        List<String> out = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String v = RELIEF[r.nextInt(RELIEF.length)];
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    static String array(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(values.get(i)).append('"');
        }
        return b.append(']').toString();
    }
}
