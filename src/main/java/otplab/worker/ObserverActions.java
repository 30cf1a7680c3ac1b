package otplab.worker;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import otp.CallTimeoutException;
import otp.Pid;
import otp.Process;
import otplab.protocol.Frame;

/**
 * What the page's observer can do to a process: show a GenServer's state, send an exit signal.
 * Both run on one thread of ours that is itself a process (an exit signal needs a sender), hidden
 * from the observer's tree, and never on the session's thread, which may be busy with a cell.
 */
final class ObserverActions implements AutoCloseable {
    /** A server busy in a long callback cannot answer; the page says so instead of waiting. */
    static final long STATE_TIMEOUT_MS = 1000;

    private final ProcessObserver observer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread actions = new Thread(runnable, "otplab-observer-actions");
        actions.setDaemon(true);
        return actions;
    });

    private ObserverActions(ProcessObserver observer) {
        this.observer = observer;
        thread.submit(() -> observer.hide(Process.self()));
    }

    static ObserverActions start(Consumer<String> snapshots) {
        return new ObserverActions(ProcessObserver.start(snapshots));
    }

    /** Kills every process of the session (see {@link ProcessObserver#killAll}); true when none is left within {@code graceMs}. */
    boolean killAll(long graceMs) {
        try {
            return thread.submit(() -> observer.killAll(graceMs)).get();
        } catch (java.util.concurrent.ExecutionException | InterruptedException failed) {
            return false;
        }
    }

    void submit(Frame request, Consumer<Frame> reply) {
        thread.submit(() -> reply.accept(answer(request)));
    }

    private Frame answer(Frame request) {
        String pidText = request.field("pid").orElse("");
        Optional<Pid> pid = observer.find(pidText);
        if (pid.isEmpty()) {
            return reply(request, "error", "process " + pidText + " is no longer alive");
        }
        return switch (request.field("action").orElse("")) {
            case "state" -> state(request, pid.get());
            case "exit" -> {
                String reason = request.field("reason").orElse("").strip();
                if (reason.isEmpty()) {
                    yield reply(request, "error", "give a reason for the exit signal, e.g. kill or shutdown");
                }
                Process.exit(pid.get(), ProcessObserver.reason(reason));
                yield reply(request, "done", "sent exit(" + pidText + ", " + reason + ")");
            }
            default -> reply(request, "error", "the observer cannot do that");
        };
    }

    private Frame state(Frame request, Pid pid) {
        try {
            return reply(request, "state", ProcessObserver.stateOf(pid, STATE_TIMEOUT_MS));
        } catch (IllegalArgumentException notAServer) {
            return reply(request, "error", pid + " is a plain process, not a GenServer: it has no state to show");
        } catch (CallTimeoutException busy) {
            return reply(request, "error", pid + " did not answer within " + STATE_TIMEOUT_MS / 1000
                    + " s: it is busy in a callback (or its mailbox is long)");
        } catch (RuntimeException gone) {
            return reply(request, "error", pid + " exited before it could answer");
        }
    }

    @Override public void close() {
        observer.close();
        thread.shutdownNow();
    }

    private static Frame reply(Frame request, String key, String value) {
        return Frame.of(Frame.Type.OBSERVE_REPLY, request.id(), key, value);
    }
}
