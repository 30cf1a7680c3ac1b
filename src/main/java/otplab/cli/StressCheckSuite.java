package otplab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import otplab.course.Exercise;
import otplab.grader.Grader;
import otplab.grader.ResultsDocument;

/**
 * {@code ./otplab check --stress N}: grades each reference solution N times in a row (meant to
 * run while {@link BusyLoad} keeps every core busy) and passes an exercise only at N of N. A
 * test that depends on timing fails a correct learner on a busy server; this is where it shows.
 */
final class StressCheckSuite implements Check.Suite {
    private final List<Exercise> exercises;
    private final Grader grader;
    private final int rounds;

    StressCheckSuite(List<Exercise> exercises, Grader grader, int rounds) {
        this.exercises = List.copyOf(exercises);
        this.grader = Objects.requireNonNull(grader, "grader must not be null");
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be 1 or more, was " + rounds);
        }
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "stress";
    }

    @Override
    public List<Check.Item> items() {
        return exercises.stream()
                .map(e -> new Check.Item(e.slug() + ": reference solution passes " + rounds + " times under load",
                        () -> stress(e)))
                .toList();
    }

    private Check.Outcome stress(Exercise e) {
        int passed = 0;
        Map<String, Integer> failures = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            ResultsDocument doc = grader.grade(e, e.solution(), Grader.Scope.ALL);
            if (doc.status() == ResultsDocument.Status.PASS) {
                passed++;
            } else if (doc.status() == ResultsDocument.Status.ERROR) {
                failures.merge("could not grade: " + doc.message(), 1, Integer::sum);
            } else {
                doc.tests().stream().filter(t -> t.status() != ResultsDocument.Status.PASS)
                        .forEach(t -> failures.merge("'" + t.name() + "' (" + t.message() + ")", 1, Integer::sum));
            }
        }
        String tally = passed + "/" + rounds + " passed";
        if (passed == rounds) {
            return Check.Outcome.ok(tally);
        }
        return Check.Outcome.failed(tally + "; failed: " + failures.entrySet().stream()
                .map(f -> f.getKey() + " " + f.getValue() + "×").collect(Collectors.joining("; ")));
    }
}
