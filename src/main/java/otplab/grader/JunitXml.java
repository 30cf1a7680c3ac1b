package otplab.grader;

import java.util.Locale;

/**
 * The results document as JUnit XML, the format every CI system shows. A grading that ended
 * in {@code error} becomes one errored test case carrying the message, so CI marks it red.
 */
public final class JunitXml {
    private JunitXml() {}

    public static String render(ResultsDocument doc) {
        long failures = doc.tests().stream().filter(t -> t.status() == ResultsDocument.Status.FAIL).count();
        long errors = doc.tests().stream().filter(t -> t.status() == ResultsDocument.Status.ERROR).count();
        boolean runError = doc.status() == ResultsDocument.Status.ERROR;
        int cases = doc.tests().size() + (runError ? 1 : 0);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites>\n");
        xml.append("  <testsuite name=\"").append(escape(doc.exercise())).append("\" tests=\"").append(cases)
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors + (runError ? 1 : 0))
                .append("\" skipped=\"0\" time=\"").append(seconds(doc.durationMs())).append("\">\n");
        if (runError) {
            xml.append("    <testcase classname=\"").append(escape(doc.exercise())).append("\" name=\"grading\" time=\"0\">\n")
                    .append("      <error message=\"").append(escape(firstLine(doc.message()))).append("\">")
                    .append(escape(doc.message())).append("</error>\n")
                    .append("    </testcase>\n");
        }
        for (ResultsDocument.Test t : doc.tests()) {
            xml.append("    <testcase classname=\"").append(escape(doc.exercise()))
                    .append(t.taskId() == null ? "" : ".task" + t.taskId())
                    .append("\" name=\"").append(escape(t.name())).append("\" time=\"")
                    .append(seconds(t.durationMs())).append("\">\n");
            String message = t.message() == null ? "" : t.message();
            switch (t.status()) {
                case PASS -> { }
                case FAIL -> xml.append("      <failure message=\"").append(escape(firstLine(message))).append("\">")
                        .append(escape(message)).append("</failure>\n");
                case ERROR -> xml.append("      <error message=\"").append(escape(firstLine(message))).append("\">")
                        .append(escape(message)).append("</error>\n");
            }
            if (t.output() != null) {
                xml.append("      <system-out>").append(escape(t.output())).append("</system-out>\n");
            }
            xml.append("    </testcase>\n");
        }
        xml.append("  </testsuite>\n</testsuites>\n");
        return xml.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** Escapes markup and drops characters XML 1.0 cannot hold (learner output may contain any). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
