package otp.conformance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import otp.Down;
import otp.GenServer;
import otp.Monitored;
import otp.Pid;
import otp.Process;
import otp.Reason;

/**
 * Runs one scenario the way conformance/record.exs does: a fresh trace log, the scenario in a fresh
 * unlinked driver process, and how the driver ended written last when it was not normal.
 */
final class ScenarioRunner {
    private static final long DRIVER_MS = 30_000;

    private ScenarioRunner() {
    }

    static List<String> run(Runnable scenario) throws Exception {
        CompletableFuture<List<String>> trace = new CompletableFuture<>();
        Process.spawn(() -> {
            try {
                Pid log = TraceLog.start();
                Monitored driver = Process.spawnMonitor(scenario);
                Optional<Object> down = Process.receive(m -> m instanceof Down d && d.ref().equals(driver.ref()), DRIVER_MS);
                if (down.isEmpty()) {
                    Process.exit(driver.pid(), Reason.KILL);
                    TraceLog.line("driver did not finish");
                } else if (!(((Down) down.get()).reason() instanceof Reason.Normal)) {
                    TraceLog.line("driver exit " + Terms.norm(((Down) down.get()).reason()));
                }
                trace.complete(TraceLog.lines());
                GenServer.stop(log);
            } catch (Throwable failure) {
                trace.completeExceptionally(failure);
            }
        });
        return trace.get(DRIVER_MS * 2, TimeUnit.MILLISECONDS);
    }
}
