package crampwatch.dashboard;

import crampwatch.common.time.Nights;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The patient page's chart as a model the template draws as SVG: the last {@code nights} nights (domain.md's
 * definition, {@link Nights}), one bar per night with cramps, its height the night's longest cramp, its colour
 * the night's highest pain, a dot above it when the cramps woke the patient, a marker under it for every
 * escalation whose evidence lies on that night, and a dashed line at the long-cramp threshold.
 */
@io.quarkus.qute.TemplateData
public record NightsChart(int width, int height, int plotTop, int plotBottom, int left, double slot, int thresholdY,
                          String thresholdLabel, List<Bar> bars, List<Marker> markers, List<Tick> ticks, String title,
                          String summary, List<Bar> table) {

    @io.quarkus.qute.TemplateData
    public record Bar(LocalDate night, int x, int y, int w, int h, String fill, String painBand, int cramps, int longestSeconds,
                      String longest, int pain, boolean woke, boolean clipped, String label) {
        public int cx() {
            return x + w / 2;
        }
    }

    @io.quarkus.qute.TemplateData
    public record Marker(int x, int y, String points, String fill, String label) {
    }

    @io.quarkus.qute.TemplateData
    public record Tick(int x, String text) {
    }

    static final int WIDTH = 880;
    static final int HEIGHT = 300;
    static final int LEFT = 56;
    static final int TOP = 20;
    static final int BOTTOM = 240;

    public static NightsChart of(Collection<Apis.Episode> episodes, Collection<Apis.Escalation> escalations, ZoneId zone,
                                 int nights, int thresholdSeconds, Instant now) {
        LocalDate last = Nights.night(now.atOffset(ZoneOffset.UTC), zone == null ? ZoneOffset.UTC : zone);
        LocalDate first = last.minusDays(nights - 1L);
        Map<LocalDate, List<Apis.Episode>> byNight = new TreeMap<>();
        Map<UUID, LocalDate> nightOfEpisode = new java.util.HashMap<>();
        for (Apis.Episode e : episodes) {
            LocalDate n = Nights.night(e.startedAt(), zone);
            nightOfEpisode.put(e.id(), n);
            if (!n.isBefore(first) && !n.isAfter(last)) {
                byNight.computeIfAbsent(n, k -> new ArrayList<>()).add(e);
            }
        }
        int longestOverall = byNight.values().stream().flatMap(List::stream).mapToInt(Apis.Episode::durationSeconds).max().orElse(0);
        // The scale shows the threshold with room above it; a night far beyond three times the threshold is clipped (and says so).
        int yMax = Math.max(thresholdSeconds * 3 / 2, Math.min(longestOverall, thresholdSeconds * 3));
        double slot = (WIDTH - LEFT - 10) / (double) nights;
        int plot = BOTTOM - TOP;
        List<Bar> bars = new ArrayList<>();
        for (var entry : byNight.entrySet()) {
            List<Apis.Episode> list = entry.getValue();
            int longest = list.stream().mapToInt(Apis.Episode::durationSeconds).max().orElse(0);
            int pain = list.stream().mapToInt(Apis.Episode::painScore).max().orElse(0);
            boolean woke = list.stream().anyMatch(Apis.Episode::wokeFromSleep);
            boolean clipped = longest > yMax;
            int h = Math.max(3, (int) Math.round(Math.min(longest, yMax) * (double) plot / yMax));
            int index = (int) (entry.getKey().toEpochDay() - first.toEpochDay());
            int x = (int) Math.round(LEFT + index * slot + slot * 0.15);
            int w = Math.max(3, (int) Math.round(slot * 0.7));
            String label = entry.getKey() + ": " + list.size() + (list.size() == 1 ? " cramp" : " cramps") + ", longest "
                    + duration(longest) + ", highest pain " + pain + (woke ? ", woke the patient" : "");
            bars.add(new Bar(entry.getKey(), x, BOTTOM - h, w, h, painColour(pain), painBand(pain), list.size(), longest,
                    duration(longest), pain, woke, clipped, label));
        }
        List<Marker> markers = new ArrayList<>();
        for (Apis.Escalation esc : escalations) {
            LocalDate n = esc.episodeIds() == null ? null : esc.episodeIds().stream().map(nightOfEpisode::get)
                    .filter(java.util.Objects::nonNull).max(LocalDate::compareTo).orElse(null);
            if (n == null && esc.raisedAt() != null) {
                n = Nights.night(esc.raisedAt().atOffset(ZoneOffset.UTC), zone == null ? ZoneOffset.UTC : zone);
            }
            if (n == null || n.isBefore(first) || n.isAfter(last)) {
                continue;
            }
            int index = (int) (n.toEpochDay() - first.toEpochDay());
            int cx = (int) Math.round(LEFT + index * slot + slot / 2);
            int y = BOTTOM + 8;
            String points = cx + "," + y + " " + (cx - 6) + "," + (y + 10) + " " + (cx + 6) + "," + (y + 10);
            markers.add(new Marker(cx, y, points, "URGENT".equals(esc.level()) ? "#b00020" : "#8a5a00",
                    n + ": " + esc.level() + " escalation (" + esc.rule() + ", " + esc.status() + ")" + (esc.reason() == null ? "" : " — " + esc.reason())));
        }
        List<Tick> ticks = new ArrayList<>();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
        for (int i = 0; i < nights; i += 7) {
            ticks.add(new Tick((int) Math.round(LEFT + i * slot), f.format(first.plusDays(i))));
        }
        int thresholdY = BOTTOM - (int) Math.round(thresholdSeconds * (double) plot / yMax);
        long woken = bars.stream().filter(Bar::woke).count();
        long overThreshold = bars.stream().filter(b -> b.longestSeconds() >= thresholdSeconds).count();
        String title = "Longest cramp per night, last " + nights + " nights (" + first + " to " + last + ")";
        String summary = bars.isEmpty() ? "No cramps in the last " + nights + " nights."
                : bars.size() + " of the last " + nights + " nights had cramps; " + woken + " woke the patient; "
                + overThreshold + " had a cramp of " + duration(thresholdSeconds) + " or longer; " + markers.size()
                + (markers.size() == 1 ? " escalation" : " escalations") + " marked.";
        return new NightsChart(WIDTH, HEIGHT, TOP, BOTTOM, LEFT, slot, thresholdY, duration(thresholdSeconds) + " limit",
                bars, markers, ticks, title, summary, bars);
    }

    static String painColour(int pain) {
        if (pain >= 10) {
            return "#7f0000";
        }
        if (pain >= 7) {
            return "#d7301f";
        }
        if (pain >= 4) {
            return "#fc8d59";
        }
        return "#fdcc8a";
    }

    static String painBand(int pain) {
        return pain >= 10 ? "pain 10" : pain >= 7 ? "pain 7–9" : pain >= 4 ? "pain 4–6" : "pain 0–3";
    }

    static String duration(int seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        int m = seconds / 60;
        int s = seconds % 60;
        if (m >= 60) {
            return (m / 60) + " h " + (m % 60) + " min";
        }
        return s == 0 ? m + " min" : m + " min " + s + " s";
    }
}
