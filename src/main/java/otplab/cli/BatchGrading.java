package otplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import otplab.course.Exercise;
import otplab.grader.Grader;
import otplab.grader.ResultsDocument;
import otplab.grader.SolutionFiles;

/**
 * Grades every sub-folder of a class's submissions folder as one learner's solution, several
 * at a time (bounded by the cores), and writes each learner's results plus a class report.
 */
final class BatchGrading {
    static final String REPORT_CSV = "class-report.csv";
    /** The longest message a row of the CSV report carries; results.json has it whole. */
    static final int MESSAGE_CHARS = 300;
    static final String REPORT_JSON = "class-report.json";
    private static final int BAR_WIDTH = 30;

    /** One line of the class report. */
    record LearnerRow(String learner, String status, double score, int points, long passed, int total,
                      List<String> failedTests, String message) {}

    private BatchGrading() {}

    static int run(Grader grader, Exercise exercise, Path submissions, Path out, PrintStream stdout, PrintStream err)
            throws IOException {
        List<Path> learners;
        try (Stream<Path> entries = Files.list(submissions)) {
            learners = entries.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        if (learners.isEmpty()) {
            err.println("otplab grade: " + submissions + " holds no learner folders");
            return GradeCommand.EXIT_USAGE;
        }
        Files.createDirectories(out);
        int parallel = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), learners.size()));
        Progress progress = new Progress(learners.size(), System.console() != null, err);
        List<LearnerRow> rows = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<LearnerRow>> pending = new ArrayList<>();
            for (Path learner : learners) {
                pending.add(pool.submit(() -> {
                    LearnerRow row = gradeLearner(grader, exercise, learner, out.resolve(learner.getFileName()));
                    progress.advance();
                    return row;
                }));
            }
            for (Future<LearnerRow> f : pending) {
                rows.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("otplab grade: interrupted");
            return ResultsDocument.Status.ERROR.exitCode();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
        progress.finish();
        Files.writeString(out.resolve(REPORT_CSV), csv(rows), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(REPORT_JSON), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(rows) + "\n", StandardCharsets.UTF_8);
        long pass = rows.stream().filter(r -> r.status().equals("pass")).count();
        long fail = rows.stream().filter(r -> r.status().equals("fail")).count();
        long error = rows.size() - pass - fail;
        stdout.printf(Locale.ROOT, "%s: graded %d learners: %d pass, %d fail, %d could not be graded%n",
                exercise.slug(), rows.size(), pass, fail, error);
        stdout.println("class report: " + out.resolve(REPORT_CSV) + " and " + out.resolve(REPORT_JSON));
        return error > 0 ? ResultsDocument.Status.ERROR.exitCode()
                : fail > 0 ? ResultsDocument.Status.FAIL.exitCode() : ResultsDocument.Status.PASS.exitCode();
    }

    private static LearnerRow gradeLearner(Grader grader, Exercise exercise, Path learner, Path out) throws IOException {
        ResultsDocument doc;
        try {
            doc = grader.grade(exercise, GradeCommand.learnerFiles(exercise, learner), Grader.Scope.ALL);
        } catch (SolutionFiles.UnreadableSolutionException e) {
            doc = Grader.unreadable(exercise, e.getMessage());
        }
        GradeCommand.write(doc, out);
        List<String> failed = doc.tests().stream().filter(t -> t.status() != ResultsDocument.Status.PASS)
                .map(ResultsDocument.Test::name).toList();
        return new LearnerRow(learner.getFileName().toString(), doc.status().word(), doc.score(), doc.points(),
                doc.passedCount(), doc.tests().size(), failed, doc.message());
    }

    static String csv(List<LearnerRow> rows) {
        StringBuilder csv = new StringBuilder("learner,status,score,points,passed,total,failed_tests,message\n");
        for (LearnerRow r : rows) {
            csv.append(field(r.learner())).append(',').append(r.status()).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", r.score())).append(',').append(r.points()).append(',')
                    .append(r.passed()).append(',').append(r.total()).append(',')
                    .append(field(String.join("; ", r.failedTests()))).append(',')
                    .append(field(oneLine(r.message())))
                    .append('\n');
        }
        return csv.toString();
    }

    /**
     * A row stays one line in a spreadsheet: the message's lines are joined (a compile error's
     * first line only says that there are diagnostics below it) and a long one is cut.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String joined = String.join(" ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return joined.length() <= MESSAGE_CHARS ? joined : joined.substring(0, MESSAGE_CHARS) + " [cut; see results.json]";
    }

    /** RFC 4180 quoting, and a leading quote mark for text a spreadsheet would run as a formula. */
    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /** A progress bar redrawn in place on a terminal; silent when output is not a terminal. */
    private static final class Progress {
        private final int total;
        private final boolean terminal;
        private final PrintStream err;
        private final AtomicInteger done = new AtomicInteger();

        Progress(int total, boolean terminal, PrintStream err) {
            this.total = total;
            this.terminal = terminal;
            this.err = err;
            draw(0);
        }

        void advance() {
            draw(done.incrementAndGet());
        }

        void finish() {
            if (terminal) {
                err.println();
            }
        }

        private synchronized void draw(int n) {
            if (!terminal) {
                return;
            }
            int filled = total == 0 ? BAR_WIDTH : n * BAR_WIDTH / total;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + n + "/" + total + " graded");
            err.flush();
        }
    }
}
