package crampwatch.notification;

import io.restassured.RestAssured;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the service's Prometheus metrics ({@code /q/metrics}). */
public final class Metrics {
    private Metrics() {
    }

    private static final Pattern DEAD_LETTERS = Pattern.compile("(?m)^crampwatch_dead_letters_total\\{([^}]*)} ([0-9.eE+-]+)$");

    /** The sum of a metric's series; {@code name} may carry labels ({@code x_total{level="URGENT"}}) to pick one. */
    public static double metric(String name) {
        String body = scrape();
        return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{") || name.contains("{") && l.startsWith(name))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** crampwatch_dead_letters_total for this topic and reason (0 before the first). */
    public static double deadLetters(String topic, String reason) {
        Matcher m = DEAD_LETTERS.matcher(scrape());
        while (m.find()) {
            if (m.group(1).contains("topic=\"" + topic + "\"") && m.group(1).contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static String scrape() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
