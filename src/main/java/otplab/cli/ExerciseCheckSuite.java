package otplab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import otplab.course.Exercise;
import otplab.course.ExerciseCatalog;
import otplab.course.InvalidExerciseException;
import otplab.course.WrongSolution;
import otplab.grader.Grader;
import otplab.grader.ResultsDocument;

/**
 * Proves every exercise: its folder is valid, its instructions render, it has hints, its
 * reference solution passes every test (hidden ones too), its starter fails at least one, and so
 * does each of its wrong solutions (the tests tell right from wrong, not only right from empty).
 */
final class ExerciseCheckSuite implements Check.Suite {
    /** How many of the tests that caught a wrong solution the check line names. */
    private static final int NAMED_CATCHERS = 3;

    private final ExerciseCatalog catalog;
    private final Grader grader;

    ExerciseCheckSuite(ExerciseCatalog catalog, Grader grader) {
        this.catalog = Objects.requireNonNull(catalog, "catalog must not be null");
        this.grader = Objects.requireNonNull(grader, "grader must not be null");
    }

    static ExerciseCheckSuite scan(Path root, Grader grader) throws IOException {
        return new ExerciseCheckSuite(ExerciseCatalog.scan(root), grader);
    }

    /** This suite limited to the exercises {@code selected} names (by slug). */
    ExerciseCheckSuite only(Predicate<String> selected) {
        return new ExerciseCheckSuite(new ExerciseCatalog(catalog.root(),
                catalog.exercises().stream().filter(e -> selected.test(e.slug())).toList(),
                catalog.invalid().stream().filter(i -> selected.test(slugOf(i))).toList()), grader);
    }

    ExerciseCatalog catalog() {
        return catalog;
    }

    /** The slug an invalid exercise's message starts with ("exercise 'slug' (/path):"). */
    static String slugOf(InvalidExerciseException invalid) {
        String message = invalid.getMessage();
        int start = message.indexOf('\'');
        int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
        return end < 0 ? "" : message.substring(start + 1, end);
    }

    @Override
    public String name() {
        return "exercises";
    }

    @Override
    public List<Check.Item> items() {
        List<Check.Item> items = new ArrayList<>();
        if (catalog.exercises().isEmpty() && catalog.invalid().isEmpty()) {
            items.add(new Check.Item("exercises in " + catalog.root(),
                    () -> Check.Outcome.failed("no exercise folders found")));
        }
        for (InvalidExerciseException invalid : catalog.invalid()) {
            items.add(new Check.Item(invalid.getMessage().lines().findFirst().orElse("an exercise"),
                    () -> Check.Outcome.failed(String.join("; ", invalid.problems()))));
        }
        for (Exercise e : catalog.exercises()) {
            items.add(new Check.Item(e.slug() + ": instructions render", () -> renders(e)));
            items.add(new Check.Item(e.slug() + ": hints", () -> e.hints().isEmpty()
                    ? Check.Outcome.failed("no hints") : Check.Outcome.ok(e.hints().size() + " hints")));
            items.add(new Check.Item(e.slug() + ": reference solution passes every test", () -> reference(e)));
            items.add(new Check.Item(e.slug() + ": starter fails at least one test", () -> starter(e)));
            for (WrongSolution wrong : e.wrongSolutions()) {
                items.add(new Check.Item(e.slug() + ": wrong solution '" + wrong.name() + "' fails at least one test",
                        () -> wrong(e, wrong)));
            }
        }
        return items;
    }

    private static Check.Outcome renders(Exercise e) {
        String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(e.instructions()));
        return html.isBlank() ? Check.Outcome.failed("the instructions render to nothing")
                : Check.Outcome.ok(e.tasks().size() + " tasks");
    }

    private Check.Outcome reference(Exercise e) {
        ResultsDocument doc = grader.grade(e, e.solution(), Grader.Scope.ALL);
        return doc.status() == ResultsDocument.Status.PASS
                ? Check.Outcome.ok(doc.tests().size() + " tests pass")
                : Check.Outcome.failed(problems(doc));
    }

    private Check.Outcome starter(Exercise e) {
        ResultsDocument doc = grader.grade(e, e.starter(), Grader.Scope.ALL);
        return switch (doc.status()) {
            case FAIL -> Check.Outcome.ok((doc.tests().size() - doc.passedCount()) + " of " + doc.tests().size()
                    + " tests fail");
            case PASS -> Check.Outcome.failed("the starter already passes every test");
            case ERROR -> Check.Outcome.failed("the starter must compile and run: " + doc.message());
        };
    }

    private Check.Outcome wrong(Exercise e, WrongSolution wrong) {
        ResultsDocument doc = grader.grade(e, wrong.files(), Grader.Scope.ALL);
        return switch (doc.status()) {
            case FAIL -> Check.Outcome.ok("caught by " + catchers(doc));
            case PASS -> Check.Outcome.failed("the wrong solution '" + wrong.name() + "' passes every test, yet it"
                    + " breaks a requirement (" + wrong.note() + "); add or sharpen a test that catches it");
            case ERROR -> Check.Outcome.failed("the wrong solution '" + wrong.name() + "' must compile and run, so"
                    + " that a test (not the compiler) catches it: " + doc.message());
        };
    }

    private static String catchers(ResultsDocument doc) {
        List<String> failing = doc.tests().stream().filter(t -> t.status() != ResultsDocument.Status.PASS)
                .map(t -> "'" + t.name() + "'").toList();
        String named = String.join(", ", failing.subList(0, Math.min(NAMED_CATCHERS, failing.size())));
        return failing.size() <= NAMED_CATCHERS ? named : named + " and " + (failing.size() - NAMED_CATCHERS) + " more";
    }

    private static String problems(ResultsDocument doc) {
        if (doc.status() == ResultsDocument.Status.ERROR) {
            return doc.message();
        }
        return doc.tests().stream().filter(t -> t.status() != ResultsDocument.Status.PASS)
                .map(t -> t.name() + " (" + t.message() + ")").collect(Collectors.joining("; "));
    }
}
