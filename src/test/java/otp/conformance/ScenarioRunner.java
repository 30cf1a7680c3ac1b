package otp.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import otp.Down;
import otp.Monitored;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Trace;
import otp.TraceEvent;

/**
 * Runs one scenario the way conformance/record.exs does: a fresh trace log, the scenario in a fresh
 * unlinked driver process, and how the driver ended written last when it was not normal.
 *
 * <p>Unlike the recorder, which runs each scenario once in a fresh VM, every scenario here shares one
 * JVM with the others and with itself when repeated, so whatever a scenario leaves behind (its log,
 * registered servers, sleeping processes) is killed before {@link #run} returns, whether the scenario
 * passed, failed or hung. A name a scenario registered is free again for the next one.
 */
final class ScenarioRunner {
    private static final long DRIVER_MS = 30_000;
    /** A supervisor killed during the clean-up can restart a child first; a few rounds catch those. */
    private static final int CLEANUP_ROUNDS = 10;

    private ScenarioRunner() {
    }

    static List<String> run(Runnable scenario) throws Exception {
        CompletableFuture<List<String>> trace = new CompletableFuture<>();
        Leftovers leftovers = new Leftovers();
        Pid runner;
        try (Trace.Subscription watching = Trace.subscribe(leftovers::observe)) {
            runner = Process.spawn(() -> {
                try {
                    trace.complete(traceOf(scenario, leftovers));
                } catch (Throwable failure) {
                    trace.completeExceptionally(failure);
                }
            });
            try {
                return trace.get(DRIVER_MS * 2, TimeUnit.MILLISECONDS);
            } catch (TimeoutException hung) {
                Process.exit(runner, Reason.KILL);
                leftovers.killAll();
                throw new IllegalStateException("the scenario's runner did not finish within " + DRIVER_MS * 2 + " ms", hung);
            }
        }
    }

    /** Runs in the runner process: the log outlives the driver, and everything is killed once its lines are read. */
    private static List<String> traceOf(Runnable scenario, Leftovers leftovers) {
        TraceLog.start();
        try {
            Monitored driver = Process.spawnMonitor(scenario);
            Optional<Object> down = Process.receive(m -> m instanceof Down d && d.ref().equals(driver.ref()), DRIVER_MS);
            if (down.isEmpty()) {
                Process.exit(driver.pid(), Reason.KILL);
                TraceLog.line("driver did not finish");
            } else if (!(((Down) down.get()).reason() instanceof Reason.Normal)) {
                TraceLog.line("driver exit " + Terms.norm(((Down) down.get()).reason()));
            }
            return TraceLog.lines();
        } finally {
            // The log is among them; a kill frees its name before Process.exit returns.
            leftovers.killAll();
        }
    }

    /** The processes spawned while a scenario runs and still alive, oldest first. */
    private static final class Leftovers {
        private final Set<Pid> alive = new LinkedHashSet<>();

        /** A trace listener: runs on the spawning or exiting thread, so it only records. */
        synchronized void observe(TraceEvent event) {
            switch (event) {
                case TraceEvent.Spawned spawned -> alive.add(spawned.pid());
                case TraceEvent.Exited exited -> alive.remove(exited.pid());
                default -> { }
            }
        }

        /** Oldest first, so a supervisor dies before it could restart the children killed after it. */
        void killAll() {
            Pid self = Process.self();
            for (int round = 0; round < CLEANUP_ROUNDS; round++) {
                List<Pid> victims;
                synchronized (this) {
                    victims = new ArrayList<>(alive);
                }
                victims.remove(self);
                if (victims.isEmpty()) {
                    return;
                }
                victims.forEach(pid -> Process.exit(pid, Reason.KILL));
            }
        }
    }
}
