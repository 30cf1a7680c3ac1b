package otplab.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.jvm.OutputCollector;
import otplab.jvm.OutputListener;
import otplab.jvm.WorkerConnection;
import otplab.jvm.WorkerSettings;
import otplab.protocol.CellDiagnostic;
import otplab.protocol.Frame;
import otplab.protocol.RunStatus;

/**
 * A notebook worker as the runner uses it: cells evaluated one at a time within a wall time and
 * the output limit, a stop from any thread, completion. The JVM itself, its sandbox and its
 * socket are the {@link WorkerConnection}'s.
 */
public final class NotebookWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookWorker.class);

    private final WorkerConnection connection;
    private volatile CompletableFuture<Void> stopSignal = new CompletableFuture<>();

    public NotebookWorker(WorkerConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection must not be null");
    }

    public WorkerConnection connection() {
        return connection;
    }

    public boolean isAlive() {
        return connection.isAlive();
    }

    /** Asks the running cell to stop; the run then ends with status {@code killed}. */
    public void stop() {
        stopSignal.complete(null);
    }

    /** Evaluates one cell within the default wall time, streaming output to {@code listener}. */
    public RunResult run(String code, OutputListener listener) {
        return run(code, connection.settings().wallTime(), listener);
    }

    /** Evaluates one cell within {@code wallTime}, streaming output to {@code listener}. */
    public RunResult run(String code, Duration wallTime, OutputListener listener) {
        Objects.requireNonNull(wallTime, "wallTime must not be null");
        long started = System.nanoTime();
        if (!isAlive()) {
            return RunResult.refused(RunStatus.KILLED, "the worker had ended before the run started");
        }
        OutputCollector collector = new OutputCollector(connection.settings().outputBytes(), listener);
        stopSignal = new CompletableFuture<>();
        RunStatus forced = null;
        String forcedMessage = "";
        Frame frame;
        try (WorkerConnection.Exchange exchange = connection.open(collector)) {
            CompletableFuture<Frame> result = exchange.answer();
            try {
                exchange.send(Frame.Type.EVAL, List.of("code", code), null);
                CompletableFuture.anyOf(result, stopSignal, connection.death(), collector.flooded())
                        .get(wallTime.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                forced = RunStatus.TIMEOUT;
                forcedMessage = "the run took longer than " + readable(wallTime) + " and was stopped";
            } catch (IOException | ExecutionException e) {
                LOG.debug("worker channel failed during a run", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (forced == null && collector.flooded().isDone()) {
                // The worker sends past the limit it was given: its learner code got around the harness, so it is not asked but killed.
                close();
                return flooded(collector, (System.nanoTime() - started) / 1_000_000);
            }
            if (forced == null && stopSignal.isDone() && !result.isDone()) {
                forced = RunStatus.KILLED;
                forcedMessage = "the run was stopped";
            }
            if (forced != null && isAlive()) {
                awaitStop(exchange);
            }
            frame = exchange.received().orElse(null);
        }
        long duration = (System.nanoTime() - started) / 1_000_000;
        if (frame == null) {
            RunStatus status = forced != null ? forced : RunStatus.KILLED;
            String message = forced != null ? forcedMessage
                    : "the worker running this code ended unexpectedly (it may have run out of memory, threads or CPU time)";
            return new RunResult(status, collector.stdout(), collector.stderr(), List.of(), List.of(),
                    message + "; a fresh worker takes the next run, so earlier declarations are gone", duration, collector.truncated());
        }
        return fromFrame(frame, collector, forced, forcedMessage, duration);
    }

    private static RunResult flooded(OutputCollector collector, long duration) {
        return new RunResult(RunStatus.KILLED, collector.stdout(), collector.stderr(), List.of(), List.of(),
                "the run sent far more than its " + collector.limitKib() + " KiB output limit, so its worker was stopped;"
                        + " a fresh worker takes the next run, so earlier declarations are gone", duration, true);
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String readable(Duration time) {
        return time.toMillis() % 1000 == 0 ? time.toSeconds() + " s" : time.toMillis() + " ms";
    }

    /** Gives a stopped cell a short grace to end by itself; kills the worker when it does not. */
    private void awaitStop(WorkerConnection.Exchange exchange) {
        try {
            exchange.send(Frame.Type.STOP, List.of(), null);
            exchange.answer().get(WorkerSettings.STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private RunResult fromFrame(Frame frame, OutputCollector collector, RunStatus forced, String forcedMessage, long duration) {
        long answerBytes = utf8Length(frame.field("error").orElse(""));
        for (String field : frame.all("value")) {
            answerBytes += utf8Length(field);
        }
        for (String field : frame.all("diagnostic")) {
            answerBytes += utf8Length(field);
        }
        if (!collector.charge(answerBytes)) {
            close();
            return flooded(collector, duration);
        }
        RunStatus status = frame.field("status").flatMap(RunStatus::fromWireName).orElse(RunStatus.RUNTIME_ERROR);
        String error = frame.field("error").orElse("");
        if (forced != null) {
            status = forced;
            error = forcedMessage;
        }
        if (error.startsWith("java.lang.OutOfMemoryError")) {
            error += "\n(the worker ran out of memory and was replaced, so earlier declarations are gone)";
            close();
        }
        List<CellDiagnostic> diagnostics = new ArrayList<>();
        for (String encoded : frame.all("diagnostic")) {
            try {
                diagnostics.add(CellDiagnostic.decode(encoded));
            } catch (IllegalArgumentException malformed) {
                LOG.debug("dropping a malformed diagnostic from a worker");
            }
        }
        return new RunResult(status, collector.stdout(), collector.stderr(), frame.all("value"), diagnostics,
                error, duration, collector.truncated());
    }

    /** Completion suggestions; empty when the worker does not answer within the wall time. */
    public Completions complete(String code, int cursor) {
        if (!isAlive()) {
            return Completions.NONE;
        }
        try (WorkerConnection.Exchange exchange = connection.open(null)) {
            exchange.send(Frame.Type.COMPLETE, List.of("code", code, "cursor", Integer.toString(cursor)), null);
            Frame frame = exchange.answer().get(connection.settings().wallTime().toMillis(), TimeUnit.MILLISECONDS);
            int anchor = frame.field("anchor").map(Integer::parseInt).orElse(cursor);
            return new Completions(anchor, frame.all("item"));
        } catch (IOException | ExecutionException | TimeoutException | NumberFormatException e) {
            return Completions.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Completions.NONE;
        }
    }

    /**
     * Asks the worker to start a fresh notebook for its learner's next page ({@link Frame.Type#RESTART}):
     * true when it answered clean within {@code timeout}; otherwise the caller retires it.
     */
    public boolean restart(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (!isAlive()) {
            return false;
        }
        try (WorkerConnection.Exchange exchange = connection.open(null)) {
            exchange.send(Frame.Type.RESTART, List.of(), null);
            Frame frame = exchange.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame.type() == Frame.Type.RESTARTED && frame.field("clean").orElse("").equals("true")) {
                return true;
            }
            LOG.debug("a notebook worker did not restart clean: {}", frame.field("why").orElse(frame.type().toString()));
            return false;
        } catch (IOException | ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** CPU time the worker's processes have used so far, as the host counts it (zero when unknown). */
    public Duration cpuTime() {
        Duration total = Duration.ZERO;
        for (ProcessHandle process : connection.processTree()) {
            total = total.plus(process.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /** Kills the worker's JVM. */
    @Override
    public void close() {
        connection.close();
    }

    /** What completion offers: replace the text from {@code anchor} to the cursor with an item. */
    public record Completions(int anchor, List<String> items) {
        public static final Completions NONE = new Completions(0, List.of());

        public Completions {
            items = List.copyOf(items);
        }
    }
}
