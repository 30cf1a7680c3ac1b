package otplab.grader;

import java.util.Locale;

/** The results document as a short per-test summary for a terminal. */
public final class TextSummary {
    private static final String INDENT = "      ";

    private TextSummary() {}

    public static String render(ResultsDocument doc) {
        StringBuilder text = new StringBuilder();
        text.append(doc.exercise()).append(": ").append(doc.status().word().toUpperCase(Locale.ROOT));
        if (!doc.tests().isEmpty()) {
            text.append(String.format(Locale.ROOT, " — %d of %d tests passed, score %s of %d",
                    doc.passedCount(), doc.tests().size(), number(doc.score()), doc.points()));
        }
        text.append('\n');
        if (doc.message() != null) {
            doc.message().lines().forEach(l -> text.append("  ").append(l).append('\n'));
        }
        for (ResultsDocument.Test t : doc.tests()) {
            String mark = switch (t.status()) {
                case PASS -> "PASS ";
                case FAIL -> "FAIL ";
                case ERROR -> "ERROR";
            };
            text.append("  ").append(mark).append(' ').append(t.name());
            if (t.taskId() != null) {
                text.append("  (task ").append(t.taskId()).append(')');
            }
            text.append('\n');
            if (t.message() != null) {
                t.message().lines().forEach(l -> text.append(INDENT).append(l).append('\n'));
            }
            if (t.output() != null && t.status() != ResultsDocument.Status.PASS) {
                text.append(INDENT).append("output:\n");
                t.output().lines().forEach(l -> text.append(INDENT).append("| ").append(l).append('\n'));
            }
        }
        return text.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
