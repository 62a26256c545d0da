package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.common.time.Nights;
import java.time.ZoneId;

/** Small helpers for the reason sentences (numbers in words a patient and a clinician both read easily). */
final class Reasons {
    private Reasons() {
    }

    /** "A cramp on 2026-11-20": the local calendar date the cramp started. */
    static String aCrampOn(Episode episode, ZoneId zone) {
        return "A cramp on " + Nights.localDate(episode.startedAt(), zone);
    }

    /** 845 → "14 min 5 s"; 45 → "45 s"; 3600 → "1 h". */
    static String duration(int seconds) {
        int h = seconds / 3600;
        int m = (seconds % 3600) / 60;
        int s = seconds % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append(" h");
        }
        if (m > 0) {
            sb.append(sb.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0 || sb.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return sb.toString();
    }

    /** 600 → "10-minute"; 90 → "90-second". */
    static String limit(int seconds) {
        return seconds % 60 == 0 ? (seconds / 60) + "-minute" : seconds + "-second";
    }

    static String days(long days) {
        return days == 1 ? "1 day" : days + " days";
    }
}
