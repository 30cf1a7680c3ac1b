package otplab.protocol;

import java.util.Objects;

/**
 * A message about a cell, positioned in the cell's own text (1-based lines and columns).
 *
 * @param severity {@code error} or {@code warning}
 */
public record CellDiagnostic(int line, int column, int endLine, int endColumn, String severity, String message) {
    public CellDiagnostic {
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }

    /** One-line wire form: tab-separated fields, the message last so it may hold tabs. */
    public String encode() {
        return line + "\t" + column + "\t" + endLine + "\t" + endColumn + "\t" + severity + "\t" + message;
    }

    public static CellDiagnostic decode(String encoded) {
        String[] parts = encoded.split("\t", 6);
        if (parts.length != 6) {
            throw new IllegalArgumentException("malformed diagnostic");
        }
        return new CellDiagnostic(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), parts[4], parts[5]);
    }

    /** Converts a character offset range in {@code text} into a diagnostic. */
    public static CellDiagnostic at(String text, int start, int end, String severity, String message) {
        int from = Math.clamp(start, 0, text.length());
        int to = Math.clamp(Math.max(end, from), from, text.length());
        int[] a = lineColumn(text, from);
        int[] b = lineColumn(text, to);
        return new CellDiagnostic(a[0], a[1], b[0], b[1], severity, message);
    }

    public static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}
