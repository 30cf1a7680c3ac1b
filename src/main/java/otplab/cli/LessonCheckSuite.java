package otplab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import otplab.course.AuthoringProblem;
import otplab.course.Cell;
import otplab.course.CellAttributes;
import otplab.course.Course;
import otplab.course.Lesson;
import otplab.jvm.SandboxUnavailableException;
import otplab.jvm.WorkersBusyException;
import otplab.protocol.RunStatus;
import otplab.runner.RunResult;

/**
 * Proves every lesson: it renders without authoring problems, and its runnable cells, run in
 * one session as a learner's page would (setup cells first, then the others in page order),
 * end the way the lesson declares.
 */
final class LessonCheckSuite implements Check.Suite {
    /** Runs lesson cells; one session per lesson, ended with {@link #endSession}. */
    interface CellRunner {
        RunResult run(String session, String code) throws WorkersBusyException;

        void endSession(String session);
    }

    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final int SHOWN_CHARS = 300;

    private final Course course;
    private final CellRunner runner;
    private final int parallelism;
    private final Predicate<Lesson> selected;

    LessonCheckSuite(Course course, CellRunner runner, int parallelism) {
        this(course, runner, parallelism, lesson -> true);
    }

    /** A suite of the lessons {@code selected} accepts only (for {@code ./otplab check NAME...}). */
    LessonCheckSuite(Course course, CellRunner runner, int parallelism, Predicate<Lesson> selected) {
        this.selected = Objects.requireNonNull(selected, "selected must not be null");
        this.course = Objects.requireNonNull(course, "course must not be null");
        this.runner = Objects.requireNonNull(runner, "runner must not be null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be 1 or more, was " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** The longest wall time a cell of the course asks for, so the runner can allow it. */
    static long longestCellTimeoutMs(Course course) {
        return course.lessons().stream().flatMap(l -> l.cells().stream())
                .mapToLong(c -> c.attributes().timeoutMs().orElse(0)).max().orElse(0);
    }

    @Override
    public String name() {
        return "lessons";
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public List<Check.Item> items() {
        if (course.lessons().isEmpty()) {
            return List.of(new Check.Item("lessons in " + course.lessonsDir(),
                    () -> Check.Outcome.failed("no lesson files (NN-slug.md) found")));
        }
        return course.lessons().stream()
                .filter(selected)
                .map(lesson -> new Check.Item(lesson.file(), () -> check(lesson)))
                .toList();
    }

    private Check.Outcome check(Lesson lesson) {
        if (lesson.broken()) {
            return Check.Outcome.failed("the lesson has authoring problems, so its cells were not run:"
                    + lesson.problems().stream().map(p -> "\n    " + p.describe()).collect(Collectors.joining()));
        }
        List<Cell> order = Stream.concat(lesson.cells().stream().filter(Cell::setup),
                lesson.cells().stream().filter(c -> !c.setup())).filter(Cell::runnable).toList();
        long skipped = lesson.cells().stream().filter(c -> !c.runnable()).count();
        String session = "check-" + lesson.slug().replaceAll("[^A-Za-z0-9_-]", "-") + "-" + SESSIONS.incrementAndGet();
        List<String> failures = new ArrayList<>();
        int failingCells = 0;
        try {
            for (Cell cell : order) {
                RunResult result;
                try {
                    result = runner.run(session, cell.code());
                } catch (WorkersBusyException busy) {
                    failures.add(where(lesson, cell) + "no worker became free to run it");
                    failingCells++;
                    continue;
                }
                List<String> differences = compare(cell, result);
                if (!differences.isEmpty()) {
                    failingCells++;
                    differences.forEach(d -> failures.add(where(lesson, cell) + d));
                }
            }
        } catch (SandboxUnavailableException off) {
            return Check.Outcome.failed("cells cannot run: " + off.getMessage());
        } finally {
            runner.endSession(session);
        }
        if (!failures.isEmpty()) {
            return Check.Outcome.failed(failingCells + " of " + order.size() + " cells did not do what the lesson says:"
                    + failures.stream().map(f -> "\n    " + f).collect(Collectors.joining()));
        }
        return Check.Outcome.ok(order.size() + " cell" + (order.size() == 1 ? "" : "s") + " ran as declared"
                + (skipped > 0 ? " (" + skipped + " no-run skipped)" : ""));
    }

    private static String where(Lesson lesson, Cell cell) {
        return new AuthoringProblem(lesson.file(), cell.line(), "").describe() + "cell " + cell.id() + ": ";
    }

    /** Every way the run differs from what the cell declares, in words; empty when it matches. */
    static List<String> compare(Cell cell, RunResult result) {
        CellAttributes declared = cell.attributes();
        List<String> differences = new ArrayList<>();
        RunStatus expectedStatus = declared.status();
        RunStatus status = result.status();
        long limit = declared.timeoutMs().orElse(Long.MAX_VALUE);
        if (status == RunStatus.OK && result.durationMs() > limit) {
            status = RunStatus.TIMEOUT;
            differences.add("took " + result.durationMs() + " ms, longer than its timeout-ms=" + limit);
        }
        if (status != expectedStatus) {
            differences.add("expected status " + expectedStatus.wireName() + ", but the run ended " + status.wireName()
                    + (status == RunStatus.OK ? "" : " with: " + shown(errorText(result))));
        }
        declared.expect().ifPresent(expected -> {
            if (!normalized(result.stdout()).equals(normalized(expected))) {
                differences.add("expected output " + quoted(normalized(expected)) + ", but it printed "
                        + quoted(normalized(result.stdout())));
            }
        });
        declared.expectContains().ifPresent(part -> {
            if (!result.stdout().contains(part)) {
                differences.add("expected output containing " + quoted(part) + ", but it printed "
                        + quoted(normalized(result.stdout())));
            }
        });
        declared.errorContains().ifPresent(part -> {
            if (!errorText(result).contains(part)) {
                differences.add("expected an error containing " + quoted(part) + ", but the error was "
                        + quoted(errorText(result)));
            }
        });
        return differences;
    }

    /** Everything a learner reads as "the error": the message, the diagnostics and standard error. */
    private static String errorText(RunResult result) {
        List<String> parts = new ArrayList<>();
        if (!result.error().isBlank()) {
            parts.add(result.error().strip());
        }
        result.diagnostics().forEach(d -> parts.add("line " + d.line() + ": " + d.message()));
        if (!result.stderr().isBlank()) {
            parts.add(result.stderr().strip());
        }
        return String.join("\n", parts);
    }

    /** Line breaks as \n and trailing whitespace (of each line and of the whole) dropped, as AUTHORING.md says. */
    private static String normalized(String text) {
        return text.replace("\r\n", "\n").lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n")).stripTrailing();
    }

    private static String quoted(String text) {
        return text.isEmpty() ? "nothing" : "\"" + shown(text) + "\"";
    }

    private static String shown(String text) {
        String oneLine = text.replace("\\", "\\\\").replace("\n", "\\n");
        return oneLine.length() <= SHOWN_CHARS ? oneLine : oneLine.substring(0, SHOWN_CHARS) + "…";
    }
}
