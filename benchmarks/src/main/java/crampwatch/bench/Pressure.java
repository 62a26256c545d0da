package crampwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux pressure stall information (/proc/pressure): the share of the run in which some task waited for a CPU,
 * and in which all tasks waited for I/O. On a shared virtual machine these say how much of a run's figures is
 * the machine rather than the code; the report prints them next to the machine.
 */
record Pressure(long cpuSomeMicros, long ioSomeMicros, long ioFullMicros) {

    private static final Pattern TOTAL = Pattern.compile("^(some|full) .*total=(\\d+)", Pattern.MULTILINE);

    static Pressure read() {
        try {
            long[] cpu = totals(Files.readString(Path.of("/proc/pressure/cpu")));
            long[] io = totals(Files.readString(Path.of("/proc/pressure/io")));
            return new Pressure(cpu[0], io[0], io[1]);
        } catch (IOException | RuntimeException e) {
            return null; // no PSI on this kernel
        }
    }

    private static long[] totals(String text) {
        long[] out = new long[2];
        Matcher m = TOTAL.matcher(text);
        while (m.find()) {
            out[m.group(1).equals("some") ? 0 : 1] = Long.parseLong(m.group(2));
        }
        return out;
    }

    String since(Pressure start, Duration wall) {
        double micros = wall.toNanos() / 1000.0;
        return String.format("- Machine pressure during the run (/proc/pressure): some task waiting for a CPU %.0f %% of the time, "
                        + "for I/O %.0f %%, every task stalled on I/O %.0f %%%n",
                100 * (cpuSomeMicros - start.cpuSomeMicros) / micros, 100 * (ioSomeMicros - start.ioSomeMicros) / micros,
                100 * (ioFullMicros - start.ioFullMicros) / micros);
    }
}
