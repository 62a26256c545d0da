package crampwatch.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark's command line, parsed in one place ({@code bin/bench} passes its own arguments on). */
record Options(boolean quick, String command, List<String> phases, String deliveryPollInterval, String profile,
               String serviceJavaOptions, Map<String, String> serviceEnv) {

    /** The options; prints the usage and exits for {@code --help} (0) or a wrong command line (2). */
    static Options parse(String... args) {
        Cli cli = new Cli();
        CommandLine line = new CommandLine(cli);
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            line.usage(System.err);
            System.exit(2);
        }
        if (line.isUsageHelpRequested()) {
            line.usage(System.out);
            System.exit(0);
        }
        return new Options(cli.quick, cli.command, List.copyOf(cli.phases), cli.deliveryPollInterval, cli.profile,
                cli.serviceJavaOptions, cli.serviceEnv == null ? Map.of() : new TreeMap<>(cli.serviceEnv));
    }

    @Command(name = "Bench", description = "The CrampWatch benchmark; writes docs/benchmarks.md (see there).")
    static final class Cli {
        @Option(names = "--quick", description = "a smoke run of about 3 minutes; figures not representative")
        boolean quick;
        @Option(names = "--phases", split = ",", paramLabel = "PHASE", defaultValue = "ingest,pgbench,alerts,cost",
                description = "which of ingest, pgbench, alerts, cost to run (default: all; the footprint is always measured)")
        List<String> phases;
        @Option(names = "--delivery-poll-interval", paramLabel = "DURATION",
                description = "notification-service's delivery poll interval (default: its shipped value)")
        String deliveryPollInterval;
        @Option(names = "--profile", paramLabel = "SERVICE", description = "a JFR recording of SERVICE, in .infra/bench-RUN/")
        String profile;
        @Option(names = "--service-java-options", paramLabel = "OPTIONS",
                description = "extra JVM options for the services (JAVA_TOOL_OPTIONS), recorded in the report")
        String serviceJavaOptions;
        @Option(names = "--service-env", paramLabel = "NAME=VALUE",
                description = "extra environment for the services (repeatable), recorded in the report")
        Map<String, String> serviceEnv;
        @Option(names = "--command", paramLabel = "LINE", defaultValue = "bin/bench", description = "the command line the report names")
        String command;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
        boolean help;
    }
}
