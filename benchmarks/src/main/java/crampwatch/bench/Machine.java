package crampwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Machine facts for the report. */
record Machine(int cores, String cpu, long memoryMb, String java, String postgres, String kafka) {

    static Machine describe(Path root, String pgUrl, String user) {
        String cpu = "?";
        long mem = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String pg = "?";
        try (Connection c = DriverManager.getConnection(pgUrl, user, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            pg = rs.getString(1);
        } catch (Exception e) {
            // reported as ?
        }
        String kafka = "?";
        try (var files = Files.list(root.resolve(".infra/kafka/libs"))) {
            kafka = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("kafka-server-[0-9].*\\.jar"))
                    .map(n -> n.substring("kafka-server-".length(), n.length() - 4)).findFirst().orElse("?");
        } catch (IOException e) {
            // reported as ?
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, mem, java, pg, "Apache Kafka " + kafka + " (KRaft, single node)");
    }
}
