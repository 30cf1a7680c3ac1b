package otplab.course;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import otplab.protocol.SourceFile;

/**
 * A practice exercise as read from {@code exercises/<slug>/}. The reference solution, the wrong
 * solutions and the hidden tests are part of it: whoever hands an exercise to a browser sends the
 * instructions, hints, starter and visible tests only. {@code solution} is complete (its folder's
 * files over the starter's), as is each wrong solution's file list.
 */
public record Exercise(
        String slug,
        Path directory,
        String title,
        String lesson,
        Difficulty difficulty,
        int points,
        Duration timeLimit,
        Duration testTimeout,
        List<String> hints,
        List<Task> tasks,
        String instructions,
        List<SourceFile> starter,
        List<SourceFile> solution,
        List<SourceFile> visibleTests,
        List<SourceFile> hiddenTests,
        List<WrongSolution> wrongSolutions) {

    public static final int DEFAULT_POINTS = 10;
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(5);

    public enum Difficulty { EASY, MEDIUM, HARD }

    /** A numbered task of the instructions ({@code ## 1. Store a value}). */
    public record Task(int number, String title) {}

    public Exercise {
        Objects.requireNonNull(slug, "slug must not be null");
        Objects.requireNonNull(directory, "directory must not be null");
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(lesson, "lesson must not be null");
        Objects.requireNonNull(difficulty, "difficulty must not be null");
        Objects.requireNonNull(timeLimit, "timeLimit must not be null");
        Objects.requireNonNull(testTimeout, "testTimeout must not be null");
        Objects.requireNonNull(instructions, "instructions must not be null");
        hints = List.copyOf(hints);
        tasks = List.copyOf(tasks);
        starter = List.copyOf(starter);
        solution = List.copyOf(solution);
        visibleTests = List.copyOf(visibleTests);
        hiddenTests = List.copyOf(hiddenTests);
        wrongSolutions = List.copyOf(wrongSolutions);
    }

    /**
     * {@code files} over the starter: a file of the same name replaces the starter's, the others
     * come from the starter. How a folder holding only the files a learner changed is graded.
     */
    public List<SourceFile> overStarter(List<SourceFile> files) {
        return Overlay.apply(starter, files);
    }

    /** Names of every test file, visible and hidden: a learner file may not take one of them. */
    public List<String> testFileNames() {
        return Stream.concat(visibleTests.stream(), hiddenTests.stream()).map(SourceFile::name).toList();
    }
}
