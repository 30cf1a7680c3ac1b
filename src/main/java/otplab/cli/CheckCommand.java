package otplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import otplab.grader.Grader;
import otplab.grader.GradingWorkerLauncher;
import otplab.grader.exercise.ExercisesDirectory;

/**
 * {@code ./otplab check}: runs every suite's items in order, printing a line per item as it
 * finishes and a summary; exits 0 only when every item passed.
 */
final class CheckCommand {
    static final int EXIT_FAILED = 1;

    private CheckCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            err.println("otplab check: takes no arguments (EXERCISES_DIR selects the exercises)");
            return GradeCommand.EXIT_USAGE;
        }
        List<Check.Suite> suites = new ArrayList<>();
        try {
            suites.add(ExerciseCheckSuite.scan(ExercisesDirectory.resolve(),
                    Grader.create(GradingWorkerLauncher.withDefaults())));
        } catch (IOException e) {
            err.println("otplab check: cannot read " + ExercisesDirectory.resolve() + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        return runSuites(suites, out);
    }

    static int runSuites(List<Check.Suite> suites, PrintStream out) {
        List<Check.Item> items = new ArrayList<>();
        List<String> suiteOf = new ArrayList<>();
        for (Check.Suite suite : suites) {
            for (Check.Item item : suite.items()) {
                items.add(item);
                suiteOf.add(suite.name());
            }
        }
        int failed = 0;
        String width = String.valueOf(items.size());
        for (int i = 0; i < items.size(); i++) {
            Check.Item item = items.get(i);
            long started = System.nanoTime();
            Check.Outcome outcome;
            try {
                outcome = item.proof().run();
            } catch (RuntimeException e) {
                outcome = Check.Outcome.failed("the check itself failed: " + e.getMessage());
            }
            if (!outcome.ok()) {
                failed++;
            }
            out.printf(Locale.ROOT, "[%" + width.length() + "d/%s] %-4s %s: %s — %s (%.1f s)%n", i + 1, width,
                    outcome.ok() ? "ok" : "FAIL", suiteOf.get(i), item.label(), outcome.detail(),
                    (System.nanoTime() - started) / 1e9);
            out.flush();
        }
        out.printf(Locale.ROOT, "check: %d items, %d passed, %d failed%n", items.size(), items.size() - failed, failed);
        return failed == 0 ? 0 : EXIT_FAILED;
    }
}
