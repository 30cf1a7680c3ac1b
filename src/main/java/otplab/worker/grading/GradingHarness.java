package otplab.worker.grading;

import java.io.IOException;
import java.util.List;
import otplab.protocol.Frame;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.protocol.GradingSeal;

/**
 * The worker harness's grading mode: answers one {@link Frame.Type#GRADE} frame with a
 * {@link Frame.Type#GRADED} frame carrying the report, after at most a few warm-up frames. A worker grades once and is discarded,
 * so taking over System.out/err for per-test capture is safe here.
 */
public final class GradingHarness {

    private GradingHarness() {}

    /**
     * Answers a {@link Frame.Type#WARM_UP} frame: compiles the request's files and throws the
     * classes away. Nothing is defined or run, so no state is left for the grading that follows;
     * what stays is javac's warmth for the same exercise's sources. A frame without data compiles
     * nothing: its answer only says that the warm-up before it is over.
     */
    public static Frame rehearse(Frame request) {
        if (request.data().length == 0) {
            return Frame.of(Frame.Type.WARMED, request.id());
        }
        try {
            GradingRequest decoded = GradingCodec.decodeRequest(request.data());
            new InMemoryCompiler().compile(decoded.learnerFiles(), decoded.tests());
            return Frame.of(Frame.Type.WARMED, request.id());
        } catch (IOException e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "an unreadable warm-up request: " + e.getMessage());
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "the warm-up compilation failed: " + e);
        }
    }

    /**
     * Grades the request and signs the report with the request's seal. The seal is read here, before
     * any learner class exists, and lives only in this method's frame: no field, property or
     * environment variable holds it, so learner code (which reflection confines to its own classes)
     * has no way to it and cannot sign a report of its own.
     */
    public static Frame grade(Frame request) {
        GradingSeal seal;
        try {
            seal = GradingSeal.of(request.field(GradingSeal.FIELD).orElse(""));
        } catch (IllegalArgumentException unsealed) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "the grading request carries no valid seal");
        }
        try {
            GradingRequest decoded = GradingCodec.decodeRequest(request.data());
            OutputCapture capture = new OutputCapture();
            capture.install();
            GradingReport report = GradingEngine.create().grade(decoded, capture);
            byte[] bytes = GradingCodec.encode(report);
            return new Frame(Frame.Type.GRADED, request.id(), List.of(GradingSeal.FIELD, seal.sign(bytes)), bytes);
        } catch (IOException e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "an unreadable grading request: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", GradingCodec.OUT_OF_MEMORY);
        } catch (RuntimeException | LinkageError e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "the grading harness failed: " + e);
        }
    }
}
