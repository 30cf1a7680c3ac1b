package otplab.grader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import otplab.course.Exercise;
import otplab.protocol.GradingRequest;
import otplab.protocol.SourceFile;
import otplab.protocol.TestSource;

/**
 * Grades learner files against an exercise in a fresh worker and builds the results document.
 * Safe to share between threads: each call starts its own worker.
 */
public final class Grader {

    /** Which tests a grading runs: the "Run tests" button runs the visible ones only. */
    public enum Scope { VISIBLE, ALL }

    private final GradingWorkerLauncher launcher;

    private Grader(GradingWorkerLauncher launcher) {
        this.launcher = launcher;
    }

    public static Grader create(GradingWorkerLauncher launcher) {
        return new Grader(Objects.requireNonNull(launcher, "launcher must not be null"));
    }

    /** The document for a solution folder that could not even be read. */
    public static ResultsDocument unreadable(Exercise exercise, String why) {
        return ResultsBuilder.error(exercise.slug(), exercise.points(), 0, "The solution could not be read: " + why);
    }

    /** Has a grading worker ready, warmed up on {@code exercise} if the launcher warms up, for a grading soon. */
    public void prepare(Exercise exercise) {
        launcher.prepare(rehearsal(Objects.requireNonNull(exercise, "exercise must not be null")));
    }

    /** What a spare may compile ahead of a grading of {@code exercise}: public files only, the starter and visible tests. */
    private static GradingRequest rehearsal(Exercise exercise) {
        List<TestSource> visible = exercise.visibleTests().stream().map(t -> new TestSource(t, false)).toList();
        return new GradingRequest(exercise.starter(), visible, exercise.testTimeout());
    }

    public ResultsDocument grade(Exercise exercise, List<SourceFile> learnerFiles, Scope scope) {
        Objects.requireNonNull(exercise, "exercise must not be null");
        Objects.requireNonNull(learnerFiles, "learnerFiles must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
        long started = System.nanoTime();
        List<String> testNames = exercise.testFileNames();
        // A learner file may never stand in for a test: such files are left out.
        List<SourceFile> learner = learnerFiles.stream().filter(f -> !testNames.contains(f.name())).toList();
        if (learner.isEmpty()) {
            return ResultsBuilder.error(exercise.slug(), exercise.points(), 0,
                    "The solution holds no Java files to grade (expected "
                            + exercise.starter().stream().map(SourceFile::name).toList() + ").");
        }
        List<TestSource> tests = new ArrayList<>();
        exercise.visibleTests().forEach(t -> tests.add(new TestSource(t, false)));
        if (scope == Scope.ALL) {
            exercise.hiddenTests().forEach(t -> tests.add(new TestSource(t, true)));
        }
        GradingRequest request = new GradingRequest(learner, tests, exercise.testTimeout());
        WorkerOutcome outcome = launcher.run(request, exercise.timeLimit(), rehearsal(exercise));
        return ResultsBuilder.build(exercise.slug(), exercise.points(), outcome,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
