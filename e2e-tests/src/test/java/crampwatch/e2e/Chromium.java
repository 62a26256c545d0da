package crampwatch.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's Chromium and chromedriver for the browser tests, headless. Where they are: the system properties
 * {@code crampwatch.chromium} and {@code crampwatch.chromedriver}, else the environment's {@code CRAMPWATCH_CHROMIUM}
 * and {@code CRAMPWATCH_CHROMEDRIVER}, else Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * ({@code apt-get install chromium chromium-driver}; bin/test installs them when it runs as root). Nothing is
 * downloaded (Selenium Manager is never asked: the driver's path is given).
 *
 * <p>Missing binaries fail the tests with a message saying what to install; only {@code CRAMPWATCH_BROWSER_TESTS=false}
 * (or {@code -Dcrampwatch.browser-tests=false}) skips them, loudly.
 */
final class Chromium {
    private Chromium() {
    }

    static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Skips (loudly) when switched off; fails, saying what to install, when the binaries are missing. */
    static void require() {
        if ("false".equalsIgnoreCase(setting("crampwatch.browser-tests", "CRAMPWATCH_BROWSER_TESTS", "true"))) {
            String message = "SKIPPED the dashboard's browser tests: CRAMPWATCH_BROWSER_TESTS=false";
            System.err.println("[browser-tests] " + message);
            Assumptions.abort(message);
        }
        for (String[] binary : new String[][] {
                {"Chromium", binary()}, {"chromedriver", driver()}}) {
            Path p = Path.of(binary[1]);
            if (!Files.isExecutable(p)) {
                Assertions.fail(binary[0] + " not found at " + p + ": the dashboard's browser tests need Chromium and its driver "
                        + "(Debian: apt-get install chromium chromium-driver; elsewhere set CRAMPWATCH_CHROMIUM and "
                        + "CRAMPWATCH_CHROMEDRIVER), or skip them with CRAMPWATCH_BROWSER_TESTS=false");
            }
        }
    }

    static String binary() {
        return setting("crampwatch.chromium", "CRAMPWATCH_CHROMIUM", "/usr/bin/chromium");
    }

    static String driver() {
        return setting("crampwatch.chromedriver", "CRAMPWATCH_CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    static ChromeDriver start(File log) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-GB", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver()))
                .usingAnyFreePort()
                .withLogFile(log)
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        return d;
    }
}
