package otplab.worker.grading;

import java.io.IOException;
import java.util.List;
import otplab.protocol.Frame;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;

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

    public static Frame grade(Frame request) {
        try {
            GradingRequest decoded = GradingCodec.decodeRequest(request.data());
            OutputCapture capture = new OutputCapture();
            capture.install();
            GradingReport report = GradingEngine.create().grade(decoded, capture);
            return new Frame(Frame.Type.GRADED, request.id(), List.of(), GradingCodec.encode(report));
        } catch (IOException e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "an unreadable grading request: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", GradingCodec.OUT_OF_MEMORY);
        } catch (RuntimeException | LinkageError e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "the grading harness failed: " + e);
        }
    }
}
