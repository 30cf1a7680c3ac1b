package otplab.grader;

import java.io.IOException;
import java.time.Duration;
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
import otplab.protocol.Frame;
import otplab.protocol.GradingSeal;

/** A grading worker as the grader uses it: one grading request, optionally preceded by a warm-up. */
final class GradingWorker {
    private static final Logger LOG = LoggerFactory.getLogger(GradingWorker.class);

    private GradingWorker() {}

    /** How a grading request ended: the report's bytes, the wall limit passing, or the worker failing. */
    sealed interface GradeAnswer {
        record Report(byte[] data) implements GradeAnswer {}

        record TimedOut() implements GradeAnswer {}

        /** {@code message} is the harness's ERROR message, or empty when the worker died; {@code output} its raw output. */
        record Failed(String message, String output) implements GradeAnswer {}

        /** A report arrived without this grading's seal: something other than the harness wrote it. */
        record Unsealed() implements GradeAnswer {}
    }

    /** Sends one grading request (see {@code otplab.worker.grading}); the worker should be closed afterwards. */
    static GradeAnswer grade(WorkerConnection worker, byte[] request, Duration wallLimit) {
        Objects.requireNonNull(worker, "worker must not be null");
        OutputCollector collector = new OutputCollector(worker.settings().outputBytes(), OutputListener.NONE);
        Frame frame;
        // Made here, for this grading only; the worker's harness signs its report with it.
        GradingSeal seal = GradingSeal.random();
        try (WorkerConnection.Exchange exchange = worker.open(collector)) {
            try {
                exchange.send(Frame.Type.GRADE, List.of(GradingSeal.FIELD, seal.token()), request);
                CompletableFuture.anyOf(exchange.answer(), worker.death()).get(wallLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return new GradeAnswer.TimedOut();
            } catch (IOException | ExecutionException e) {
                LOG.debug("worker channel failed during grading", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            frame = exchange.received().orElse(null);
        }
        if (frame != null && frame.type() == Frame.Type.GRADED) {
            if (!seal.verifies(frame.data(), frame.field(GradingSeal.FIELD).orElse(null))) {
                LOG.warn("a grading answer without this grading's seal arrived from worker {}; it is not a verdict", worker.pid());
                return new GradeAnswer.Unsealed();
            }
            return new GradeAnswer.Report(frame.data());
        }
        String message = frame == null ? "" : frame.field("message").orElse("");
        return new GradeAnswer.Failed(message, collector.stdout() + collector.stderr());
    }

    /**
     * Has a grading worker compile {@code request} (see {@code GradingHarness.rehearse}) before its
     * grading; false when it did not finish within {@code limit} or the worker is gone.
     */
    static boolean warmUp(WorkerConnection worker, byte[] request, Duration limit) {
        if (!worker.isAlive()) {
            return false;
        }
        try (WorkerConnection.Exchange exchange = worker.open(null)) {
            exchange.send(Frame.Type.WARM_UP, List.of(), request);
            return exchange.answer().get(limit.toMillis(), TimeUnit.MILLISECONDS).type() == Frame.Type.WARMED;
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.debug("a grading worker's warm-up did not finish", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
