package otplab.course;

import java.util.List;

/** An exercise folder an instructor must fix; the message lists every problem found. */
public final class InvalidExerciseException extends Exception {
    private final List<String> problems;

    public InvalidExerciseException(String where, List<String> problems) {
        super(where + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
