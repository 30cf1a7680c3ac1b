package otplab.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** The cells of one lesson a learner has run as the lesson says they should, and when they last did. */
public record LessonRuns(String lesson, Set<String> cells, Instant lastRanAt) {
    public LessonRuns {
        Objects.requireNonNull(lesson, "lesson must not be null");
        cells = Set.copyOf(cells);
        Objects.requireNonNull(lastRanAt, "lastRanAt must not be null");
    }
}
