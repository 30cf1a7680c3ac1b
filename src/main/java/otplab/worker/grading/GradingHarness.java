package otplab.worker.grading;

import java.io.IOException;
import java.util.List;
import otplab.worker.Frame;

/**
 * The worker harness's grading mode: answers one {@link Frame.Type#GRADE} frame with a
 * {@link Frame.Type#GRADED} frame carrying the report. A worker grades once and is discarded,
 * so taking over System.out/err for per-test capture is safe here.
 */
public final class GradingHarness {
    /** The message of an ERROR answer when the worker's heap ran out during grading. */
    public static final String OUT_OF_MEMORY = "out of memory";

    private GradingHarness() {}

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
            return Frame.of(Frame.Type.ERROR, request.id(), "message", OUT_OF_MEMORY);
        } catch (RuntimeException | LinkageError e) {
            return Frame.of(Frame.Type.ERROR, request.id(), "message", "the grading harness failed: " + e);
        }
    }
}
