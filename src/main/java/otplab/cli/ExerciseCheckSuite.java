package otplab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import otplab.course.Exercise;
import otplab.course.ExerciseCatalog;
import otplab.course.InvalidExerciseException;
import otplab.grader.Grader;
import otplab.grader.ResultsDocument;

/**
 * Proves every exercise: its folder is valid, its instructions render, it has hints, its
 * reference solution passes every test (hidden ones too) and its starter fails at least one.
 */
final class ExerciseCheckSuite implements Check.Suite {
    private final ExerciseCatalog catalog;
    private final Grader grader;

    ExerciseCheckSuite(ExerciseCatalog catalog, Grader grader) {
        this.catalog = catalog;
        this.grader = grader;
    }

    static ExerciseCheckSuite scan(Path root, Grader grader) throws IOException {
        return new ExerciseCheckSuite(ExerciseCatalog.scan(root), grader);
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

    private static String problems(ResultsDocument doc) {
        if (doc.status() == ResultsDocument.Status.ERROR) {
            return doc.message();
        }
        return doc.tests().stream().filter(t -> t.status() != ResultsDocument.Status.PASS)
                .map(t -> t.name() + " (" + t.message() + ")").collect(Collectors.joining("; "));
    }
}
