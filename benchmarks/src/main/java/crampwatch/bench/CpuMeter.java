package crampwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of the system during a phase, from {@code /proc} (Linux): the service's
 * JVM, all PostgreSQL processes (exited backends count through the postmaster's children times), the
 * Kafka broker, and the benchmark JVM itself (its children's times include pgbench). Divided by the
 * requests of the phase, it says where the 2 cores went per request.
 */
final class CpuMeter {

    /** CPU milliseconds per part, for one interval. */
    record Usage(Map<String, Double> ms, double wallMs, double machineBusyMs) {
        double perUnit(String part, long units) {
            return units == 0 ? Double.NaN : ms.getOrDefault(part, 0.0) / units;
        }
    }

    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

    private final Map<String, Supplier<Long>> parts = new LinkedHashMap<>();
    private Map<String, Long> start;
    private long startNanos;
    private long startMachine;

    CpuMeter part(String name, Supplier<Long> ticks) {
        parts.put(name, ticks);
        return this;
    }

    void begin() {
        start = snapshot();
        startNanos = System.nanoTime();
        startMachine = machineBusyTicks();
    }

    Usage end() {
        Map<String, Long> now = snapshot();
        Map<String, Double> ms = new LinkedHashMap<>();
        now.forEach((k, v) -> ms.put(k, (v - start.getOrDefault(k, 0L)) * TICK_MS));
        return new Usage(ms, (System.nanoTime() - startNanos) / 1e6, (machineBusyTicks() - startMachine) * TICK_MS);
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** CPU seconds (user + system, all threads) one process has used so far; 0 if gone. */
    static double cpuSeconds(long pid) {
        return ticks(pid, false) * TICK_MS / 1000.0;
    }

    /** utime + stime (+ cutime + cstime when {@code children}) of one process, in ticks; 0 if gone. */
    static long ticks(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (children) {
                t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Every process whose command name is {@code comm}, with children's times (exited backends). */
    static long ticksOfAll(String comm) {
        return LongStream.of(pids("comm", text -> text.trim().equals(comm))).map(pid -> ticks(pid, true)).sum();
    }

    /** The broker: the java process whose command line names kafka.Kafka. */
    static long kafkaPid() {
        return LongStream.of(pids("cmdline", text -> text.replace('\0', ' ').contains(" kafka.Kafka "))).findFirst().orElse(-1);
    }

    /** The processes whose {@code /proc/PID/FILE} passes the test. */
    private static long[] pids(String file, Predicate<String> test) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(name -> {
                        try {
                            return test.test(Files.readString(Path.of("/proc", name, file)));
                        } catch (IOException | RuntimeException e) {
                            return false; // gone meanwhile
                        }
                    }).mapToLong(Long::parseLong).toArray();
        } catch (IOException e) {
            return new long[0];
        }
    }

    /** All non-idle CPU time of the machine (every process, also other users'), in ticks. */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
