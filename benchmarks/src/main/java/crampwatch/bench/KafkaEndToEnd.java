package crampwatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own end-to-end latency on the same broker: {@code org.apache.kafka.tools.EndToEndLatency}
 * from the broker's jars (produce one message with acks=all, consume it, repeat). Its percentiles are
 * whole milliseconds.
 */
final class KafkaEndToEnd {

    record Result(int messages, double average, long p50, long p99, long p999) {
    }

    private KafkaEndToEnd() {
    }

    static Result run(Path root, String bootstrap, String topic, int messages) throws Exception {
        Path libs = root.resolve(".infra/kafka/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(libs + " is missing: run bin/infra up first");
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-cp", libs + "/*"));
        Path log4j = root.resolve(".infra/kafka/log4j2.yaml");
        if (Files.exists(log4j)) {
            cmd.add("-Dlog4j2.configurationFile=" + log4j);
        }
        cmd.addAll(List.of("org.apache.kafka.tools.EndToEndLatency", bootstrap, topic, String.valueOf(messages), "all", "512"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("EndToEndLatency failed:\n" + out);
        }
        Matcher avg = Pattern.compile("Avg latency: ([0-9.]+) ms").matcher(out);
        Matcher pct = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)").matcher(out);
        if (!avg.find() || !pct.find()) {
            throw new IllegalStateException("unexpected EndToEndLatency output:\n" + out);
        }
        return new Result(messages, Double.parseDouble(avg.group(1)), Long.parseLong(pct.group(1)), Long.parseLong(pct.group(2)),
                Long.parseLong(pct.group(3)));
    }
}
