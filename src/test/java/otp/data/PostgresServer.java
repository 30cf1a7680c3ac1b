package otp.data;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server for the PostgreSQL suites: the one named by {@value #URL_ENV}, or else a
 * throwaway cluster started from Debian's {@code postgresql} binaries in a temporary folder on a
 * free port (as user {@code nobody} when the tests run as root, since PostgreSQL refuses root),
 * stopped and deleted when the test JVM exits. When neither works, {@link #unavailableReason()}
 * says why and the suites skip themselves with that reason.
 */
public final class PostgresServer {
    /** A JDBC or postgres:// URL of a server the suites may freely create and drop tables in. */
    public static final String URL_ENV = "OTPLAB_TEST_POSTGRES_URL";
    private static final long START_TIMEOUT_SECONDS = 60;

    private static boolean attempted;
    private static String url;
    private static String unavailable;

    private PostgresServer() {}

    /** The URL to connect to, starting the throwaway cluster on first use. */
    public static synchronized String url() {
        start();
        return url;
    }

    /** Why no server is available, or {@code null} when one is. */
    public static synchronized String unavailableReason() {
        start();
        return unavailable;
    }

    private static void start() {
        if (attempted) {
            return;
        }
        attempted = true;
        String fromEnv = System.getenv(URL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            url = fromEnv;
            return;
        }
        try {
            url = startCluster();
        } catch (Exception e) {
            unavailable = "no PostgreSQL server for this suite: " + e.getMessage() + ". Install Debian's postgresql"
                    + " package (apt-get install postgresql) or set " + URL_ENV + " to a server's URL.";
        }
    }

    private static String startCluster() throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path dir = Files.createTempDirectory("otplab-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("nobody"));
        }
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "--no-locale", "-E", "UTF8", "--no-sync"));
        run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", String.valueOf(START_TIMEOUT_SECONDS), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, bin, dir, data)));
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private static void stop(boolean root, Path bin, Path dir, Path data) {
        try {
            run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
        } catch (Exception e) {
            // The JVM is exiting; a server that will not stop is reported by the next run's port use.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // The folder lives under the system temp dir, which the system cleans.
        }
    }

    private static Path findBinaries() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                        .forEach(candidates::add);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Paths.get(dir));
            }
        }
        for (Path dir : candidates) {
            if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                    && Files.isExecutable(dir.resolve("postgres"))) {
                return dir;
            }
        }
        throw new IOException("initdb, pg_ctl and postgres were not found in /usr/lib/postgresql/*/bin or on PATH");
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void run(boolean root, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.getFirst() + " did not finish in " + START_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            String text = new String(output, StandardCharsets.UTF_8).strip();
            throw new IOException(Paths.get(command.getFirst()).getFileName() + " failed (exit " + p.exitValue()
                    + "): " + (text.length() > 500 ? text.substring(text.length() - 500) : text));
        }
    }
}
