package otplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import otplab.course.Exercise;
import otplab.course.ExerciseCatalog;
import otplab.course.ExerciseLoader;
import otplab.course.ExercisesDirectory;
import otplab.course.InvalidExerciseException;
import otplab.grader.Grader;
import otplab.grader.GradingWorkerLauncher;
import otplab.grader.JunitXml;
import otplab.grader.ResultsDocument;
import otplab.grader.ResultsJson;
import otplab.grader.SolutionFiles;
import otplab.grader.TextSummary;
import otplab.protocol.SourceFile;

/**
 * {@code ./otplab grade EXERCISE SOLUTION_DIR [--out DIR] [--format json|junit|text]} and
 * {@code ./otplab grade --batch EXERCISE SUBMISSIONS_DIR --out DIR}. Exit codes (docs/CONTRACTS.md):
 * 0 all tests pass, 1 some fail, 2 could not grade, 3 bad usage.
 */
final class GradeCommand {
    static final int EXIT_USAGE = 3;
    static final String RESULTS_JSON = "results.json";
    static final String JUNIT_XML = "junit.xml";
    /** Where results go without {@code --out}: {@code results/<exercise>/} of the installation, never the learner's folder. */
    static final String RESULTS_DIR = "results";
    private static final String USAGE = """
            usage: ./otplab grade EXERCISE SOLUTION_DIR [--out DIR] [--format json|junit|text]
                   ./otplab grade --batch EXERCISE SUBMISSIONS_DIR --out DIR""";

    enum Format { JSON, JUNIT, TEXT }

    /** The parsed command line; {@code out} is null when {@code --out} was not given. */
    record Options(boolean batch, String exercise, Path solution, Path out, Format format) {
        /** {@code --out}, else {@code results/<exercise>/}. */
        Path outFor(Exercise exercise) {
            return out != null ? out : Main.home().resolve(RESULTS_DIR).resolve(exercise.slug());
        }
    }

    /** A command line that cannot be obeyed; its message says why in plain words. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private GradeCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = parse(args);
            Exercise exercise = exercise(options.exercise());
            Grader grader = Grader.create(GradingWorkerLauncher.withDefaults());
            if (options.batch()) {
                return BatchGrading.run(grader, exercise, options.solution(), options.out(), out, err);
            }
            return gradeOne(grader, exercise, options, out, err);
        } catch (UsageException e) {
            err.println("otplab grade: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("otplab grade: cannot write the results: " + e.getMessage());
            return ResultsDocument.Status.ERROR.exitCode();
        }
    }

    static Options parse(String[] args) throws UsageException {
        boolean batch = false;
        Path out = null;
        Format format = Format.TEXT;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--format" -> {
                    String f = value(args, ++i, "--format");
                    try {
                        format = Format.valueOf(f.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--format is json, junit or text, not '" + f + "'");
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new UsageException("unknown option " + args[i] + "\n" + USAGE);
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (positional.size() != 2) {
            throw new UsageException("expected an exercise and a folder\n" + USAGE);
        }
        Path solution = Path.of(positional.get(1));
        if (!Files.isDirectory(solution)) {
            throw new UsageException("the folder " + solution + " does not exist");
        }
        if (batch && out == null) {
            throw new UsageException("--batch needs --out DIR for the learners' results and the class report");
        }
        return new Options(batch, positional.get(0), solution, out, format);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** An exercise by slug from the course, or by the path of an exercise folder. */
    static Exercise exercise(String nameOrPath) throws UsageException {
        Path asPath = Path.of(nameOrPath);
        Path dir = Files.isRegularFile(asPath.resolve(ExerciseLoader.INSTRUCTIONS))
                ? asPath : ExercisesDirectory.resolve().resolve(nameOrPath);
        if (!Files.isDirectory(dir) || nameOrPath.isBlank()) {
            throw new UsageException("unknown exercise '" + nameOrPath + "'; known exercises: " + known());
        }
        try {
            return ExerciseLoader.load(dir);
        } catch (InvalidExerciseException e) {
            throw new UsageException("the exercise cannot be used until it is fixed: " + e.getMessage());
        }
    }

    private static String known() {
        try {
            List<String> slugs = ExerciseCatalog.scan(ExercisesDirectory.resolve()).exercises().stream()
                    .map(Exercise::slug).toList();
            return slugs.isEmpty() ? "(none in " + ExercisesDirectory.resolve() + ")" : String.join(", ", slugs);
        } catch (IOException e) {
            return "(cannot list " + ExercisesDirectory.resolve() + ")";
        }
    }

    private static int gradeOne(Grader grader, Exercise exercise, Options options, PrintStream out, PrintStream err)
            throws IOException {
        ResultsDocument doc;
        try {
            doc = grader.grade(exercise, learnerFiles(exercise, options.solution()), Grader.Scope.ALL);
        } catch (SolutionFiles.UnreadableSolutionException e) {
            doc = Grader.unreadable(exercise, e.getMessage());
        }
        Path results = options.outFor(exercise);
        write(doc, results);
        err.println("otplab grade: results written to " + results.resolve(RESULTS_JSON) + " and " + results.resolve(JUNIT_XML));
        out.print(switch (options.format()) {
            case JSON -> ResultsJson.write(doc);
            case JUNIT -> JunitXml.render(doc);
            case TEXT -> TextSummary.render(doc);
        });
        out.flush();
        return doc.status().exitCode();
    }

    /**
     * The folder's files over the exercise's starter: a folder may hold only the files the learner
     * changed (as an exercise's {@code solution/} does). An empty folder stays empty, so that it is
     * reported as such rather than graded as the starter.
     */
    static List<SourceFile> learnerFiles(Exercise exercise, Path folder) throws SolutionFiles.UnreadableSolutionException {
        List<SourceFile> files = SolutionFiles.read(folder);
        return files.isEmpty() ? files : exercise.overStarter(files);
    }

    static void write(ResultsDocument doc, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RESULTS_JSON), ResultsJson.write(doc), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(JUNIT_XML), JunitXml.render(doc), StandardCharsets.UTF_8);
    }
}
