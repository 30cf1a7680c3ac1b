package otplab.worker;

import java.nio.charset.StandardCharsets;

/**
 * One run's output allowance inside the worker, shared by everything a run sends the server:
 * stdout, stderr, displayed values, diagnostics and the error. It grants one byte more than the
 * limit so the server sees that the run went past it and adds its cut notice; the server counts
 * again on its side and stops a worker that sends more than this allowed.
 */
final class OutputBudget {
    /** Marks a value, message or error cut short by the budget. */
    static final String CUT_MARK = " … [cut: the run's output limit was reached]";

    private final long limit;
    private long run;
    private long used;

    OutputBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the output limit must be at least 1 byte, was " + limit);
        }
        this.limit = limit;
    }

    /** How many of {@code wanted} bytes run {@code runId} may still send; a new run starts with the whole limit. */
    synchronized int grant(long runId, int wanted) {
        if (runId != run) {
            run = runId;
            used = 0;
        }
        int granted = (int) Math.max(0, Math.min(wanted, limit + 1 - used));
        used += granted;
        return granted;
    }

    /** {@code text} as far as the budget of run {@code runId} allows, marked when cut; empty once it is spent. */
    String fit(long runId, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int granted = grant(runId, bytes.length);
        if (granted == bytes.length) {
            return text;
        }
        if (granted == 0) {
            return "";
        }
        // Cut on a character boundary: drop a partial UTF-8 sequence at the end.
        int end = granted;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + CUT_MARK;
    }
}
