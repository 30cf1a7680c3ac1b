package otplab.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;
import otplab.protocol.ControlChannel;
import otplab.protocol.Frame;

/**
 * Learner-facing {@code System.out} / {@code System.err}: bytes are buffered and sent as
 * {@link Frame.Type#OUT} frames on flush, tagged with the run they belong to, within the run's
 * {@link OutputBudget} (shared by both streams and the run's values). Learner text is carried as
 * data inside a frame, so text that looks like a frame is only text.
 */
final class CapturedOutput extends OutputStream {
    private static final int FLUSH_AT = 8 * 1024;

    private final String stream;
    private final ControlChannel channel;
    private final LongSupplier currentRun;
    private final OutputBudget budget;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long runOfBuffer;

    CapturedOutput(String stream, ControlChannel channel, LongSupplier currentRun, OutputBudget budget) {
        this.stream = stream;
        this.channel = channel;
        this.currentRun = currentRun;
        this.budget = budget;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        long run = currentRun.getAsLong();
        if (run != runOfBuffer) {
            flush();
            runOfBuffer = run;
        }
        // Past the limit the server cuts the output anyway; dropping here spares the channel.
        int granted = budget.grant(run, length);
        if (granted == 0) {
            return;
        }
        buffer.write(bytes, offset, granted);
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        byte[] data = buffer.toByteArray();
        buffer.reset();
        channel.send(new Frame(Frame.Type.OUT, runOfBuffer, java.util.List.of("stream", stream), data));
    }
}
