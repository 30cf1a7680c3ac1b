package otplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import otplab.course.Course;
import otplab.course.CourseCatalog;
import otplab.course.ExercisesDirectory;
import otplab.grader.Grader;
import otplab.grader.GradingWorkerLauncher;
import otplab.jvm.WorkerSettings;
import otplab.jvm.WorkersBusyException;
import otplab.runner.RunResult;
import otplab.runner.Runner;
import otplab.web.ServerConfig;

/**
 * {@code ./otplab check}: runs every suite's items (several at once where a suite allows it),
 * printing a line per item as it finishes and a summary; exits 0 only when every item passed.
 */
final class CheckCommand {
    static final int EXIT_FAILED = 1;

    private CheckCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            err.println("otplab check: takes no arguments (LESSONS_DIR and EXERCISES_DIR select the course)");
            return GradeCommand.EXIT_USAGE;
        }
        ServerConfig config;
        try {
            config = ServerConfig.builder().environment(System.getenv(), Main.home()).build();
        } catch (IllegalArgumentException badSetting) {
            err.println("otplab check: " + badSetting.getMessage());
            return GradeCommand.EXIT_USAGE;
        }
        Course course = CourseCatalog.load(config.lessonsDir(), config.exercisesDir()).current();
        int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        // The lesson runner and the grader stand on one floor: one sandbox probe, one worker image.
        try (Runner runner = lessonRunner(course, parallelism);
             GradingWorkerLauncher launcher = GradingWorkerLauncher.builder(runner.workers()).build()) {
            List<Check.Suite> suites = new ArrayList<>();
            suites.add(new LessonCheckSuite(course, sessionsOf(runner), parallelism));
            try {
                suites.add(ExerciseCheckSuite.scan(ExercisesDirectory.resolve(), Grader.create(launcher)));
            } catch (IOException e) {
                err.println("otplab check: cannot read " + ExercisesDirectory.resolve() + ": " + e.getMessage());
                return EXIT_FAILED;
            }
            return runSuites(suites, out);
        }
    }

    /** A runner sized for the lesson suite: one worker per lesson running at once, long enough for every cell's timeout-ms. */
    static Runner lessonRunner(Course course, int parallelism) {
        long wallMs = Math.max(WorkerSettings.DEFAULT_WALL_SECONDS * 1000L, LessonCheckSuite.longestCellTimeoutMs(course));
        return Runner.create(settings -> settings.environment(System.getenv())
                .poolSize(Math.min(parallelism, WorkerSettings.DEFAULT_POOL_SIZE))
                .maxWorkers(parallelism)
                .wallTime(Duration.ofMillis(wallMs))).start();
    }

    static LessonCheckSuite.CellRunner sessionsOf(Runner runner) {
        return new LessonCheckSuite.CellRunner() {
            @Override
            public RunResult run(String session, String code) throws WorkersBusyException {
                return runner.runInSession(session, code, otplab.jvm.OutputListener.NONE);
            }

            @Override
            public void endSession(String session) {
                runner.reset(session);
            }
        };
    }

    static int runSuites(List<Check.Suite> suites, PrintStream out) {
        int total = suites.stream().mapToInt(s -> s.items().size()).sum();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String width = String.valueOf(total);
        for (Check.Suite suite : suites) {
            List<Check.Item> items = suite.items();
            try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(suite.parallelism(), items.size())),
                    Thread.ofPlatform().daemon().name("otplab-check-", 1).factory())) {
                List<Future<?>> running = new ArrayList<>();
                for (Check.Item item : items) {
                    running.add(pool.submit(() -> {
                        long started = System.nanoTime();
                        Check.Outcome outcome = prove(item);
                        if (!outcome.ok()) {
                            failed.incrementAndGet();
                        }
                        synchronized (out) {
                            out.printf(Locale.ROOT, "[%" + width.length() + "d/%s] %-4s %s: %s — %s (%.1f s)%n",
                                    done.incrementAndGet(), width, outcome.ok() ? "ok" : "FAIL", suite.name(),
                                    item.label(), outcome.detail(), (System.nanoTime() - started) / 1e9);
                            out.flush();
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a check item could not report", e.getCause());
            }
        }
        out.printf(Locale.ROOT, "check: %d items, %d passed, %d failed%n", total, total - failed.get(), failed.get());
        return failed.get() == 0 && done.get() == total ? 0 : EXIT_FAILED;
    }

    private static Check.Outcome prove(Check.Item item) {
        try {
            return item.proof().run();
        } catch (RuntimeException e) {
            return Check.Outcome.failed("the check itself failed: " + e.getMessage());
        }
    }
}
