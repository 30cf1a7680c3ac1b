package otplab.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Gathers a run's streamed output into at most one message per stream change every
 * {@link #INTERVAL_MS} ms. A cell that prints a line at a time in a loop would otherwise send the
 * page tens of thousands of messages a second; the page draws once per frame anyway.
 */
final class OutputBatcher {
    /** About two animation frames: output still looks live, and a flood costs the page ~30 messages a second. */
    static final long INTERVAL_MS = 33;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("otplab-output-batcher").factory());

    private final BiConsumer<String, String> sink;
    private final List<Piece> pending = new ArrayList<>();
    private boolean scheduled;

    /** {@code sink} receives (stream, text) in the order printed, from the timer thread or {@link #flush()}'s caller. */
    OutputBatcher(BiConsumer<String, String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink must not be null");
    }

    synchronized void output(String stream, String text) {
        Piece last = pending.isEmpty() ? null : pending.getLast();
        if (last != null && last.stream.equals(stream)) {
            last.text.append(text);
        } else {
            pending.add(new Piece(stream, new StringBuilder(text)));
        }
        if (!scheduled) {
            scheduled = true;
            TIMER.schedule(this::flush, INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends everything gathered so far; the run's result must follow its last output, so the run calls this before it. */
    synchronized void flush() {
        scheduled = false;
        for (Piece piece : pending) {
            sink.accept(piece.stream, piece.text.toString());
        }
        pending.clear();
    }

    private record Piece(String stream, StringBuilder text) {}
}
