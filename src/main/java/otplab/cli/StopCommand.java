package otplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import otplab.web.ServerConfig;

/**
 * A release's {@code bin/otplab stop PID_FILE}: sends SIGTERM to the server named in the pid file
 * and waits until it has drained and exited (its grace period and a margin), as {@code bin/app stop}
 * does for a Mix release. Lives in the JVM because the launcher may have nothing but bash builtins.
 */
final class StopCommand {
    static final int EXIT_NOT_RUNNING = 1;
    static final int EXIT_STILL_RUNNING = 2;
    /** Beyond the server's own grace: the time to end workers, close the store and exit. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private StopCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("otplab stop: usage: stop PID_FILE");
            return Main.EXIT_USAGE;
        }
        Path pidFile = Path.of(args[0]);
        Optional<ProcessHandle> server = read(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (server.isEmpty()) {
            err.println("otplab stop: no server is running (no live process in " + pidFile + ")");
            deleteQuietly(pidFile);
            return EXIT_NOT_RUNNING;
        }
        Duration wait;
        try {
            wait = ServerConfig.builder().environment(System.getenv(), Main.home()).build().shutdownGrace().plus(MARGIN);
        } catch (IllegalArgumentException badSetting) {
            err.println("otplab stop: " + badSetting.getMessage());
            return Main.EXIT_USAGE;
        }
        ProcessHandle process = server.get();
        out.println("otplab: stopping process " + process.pid() + " (waiting up to " + wait.toSeconds() + " s)...");
        process.destroy();
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            err.println("otplab stop: process " + process.pid() + " is still running after " + wait.toSeconds() + " s");
            return EXIT_STILL_RUNNING;
        } catch (ExecutionException | InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_STILL_RUNNING;
        }
        deleteQuietly(pidFile);
        out.println("otplab: stopped");
        return 0;
    }

    private static Optional<Long> read(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file does no harm: the next daemon overwrites it
        }
    }
}
