package otplab.course;

import java.util.Objects;

/**
 * A mistake in a course file that the author must fix: where it is and what is wrong, in
 * words an instructor understands. Problems never stop the rest of the course from serving.
 *
 * @param file the file as the author knows it, relative to the course folder (e.g. {@code lessons/02-genserver.md})
 * @param line 1-based line in that file
 * @param message what is wrong and how to fix it
 */
public record AuthoringProblem(String file, int line, String message) {
    public AuthoringProblem {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(message, "message must not be null");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
    }

    /** One line for logs and terminals: {@code lessons/02-genserver.md:14: unknown cell attribute ...}. */
    public String describe() {
        return file + ":" + line + ": " + message;
    }
}
