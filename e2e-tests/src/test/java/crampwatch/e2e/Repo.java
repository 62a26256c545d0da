package crampwatch.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, wherever Maven runs the tests from. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("crampwatch.root");
        if (configured != null && Files.exists(Path.of(configured, "bin/infra"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/infra"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (with bin/infra) not found");
        }
        return dir;
    }
}
