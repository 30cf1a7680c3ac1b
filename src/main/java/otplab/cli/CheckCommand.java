package otplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import otplab.course.Course;
import otplab.course.CourseCatalog;
import otplab.course.Exercise;
import otplab.course.ExerciseCatalog;
import otplab.course.ExercisesDirectory;
import otplab.course.Lesson;
import otplab.grader.Grader;
import otplab.grader.GradingWorkerLauncher;
import otplab.jvm.WorkerSettings;
import otplab.jvm.WorkersBusyException;
import otplab.runner.RunResult;
import otplab.runner.Runner;
import otplab.web.ServerConfig;

/**
 * {@code ./otplab check [NAME...] [--stress N]}: runs every suite's items (several at once where a
 * suite allows it), printing a line per item as it finishes and a summary; exits 0 only when every
 * item passed. Names (exercise slugs, lesson slugs or lesson files) limit the check to those;
 * {@code --stress N} instead grades each reference solution N times with every core kept busy.
 */
final class CheckCommand {
    static final int EXIT_FAILED = 1;
    static final String STRESS = "--stress";
    private static final String USAGE = "usage: ./otplab check [EXERCISE-OR-LESSON...] [--stress N]";

    /** The parsed command line: the names to check (empty: everything) and the stress rounds (0: no stress). */
    record Options(Set<String> names, int stressRounds) {
        Options {
            names = Set.copyOf(names);
        }

        boolean selects(String name) {
            return names.isEmpty() || names.contains(name);
        }

        boolean selects(Lesson lesson) {
            String file = Path.of(lesson.file()).getFileName().toString();
            return names.isEmpty() || names.contains(lesson.slug()) || names.contains(file)
                    || names.contains(file.substring(0, file.length() - Course.LESSON_SUFFIX.length()));
        }
    }

    private CheckCommand() {}

    static Options parse(String[] args) throws GradeCommand.UsageException {
        Set<String> names = new LinkedHashSet<>();
        int rounds = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(STRESS)) {
                if (i + 1 >= args.length) {
                    throw new GradeCommand.UsageException(STRESS + " needs a number of rounds, e.g. " + STRESS + " 20\n" + USAGE);
                }
                try {
                    rounds = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    rounds = 0;
                }
                if (rounds < 1) {
                    throw new GradeCommand.UsageException(STRESS + " takes a whole number of rounds above zero, not '"
                            + args[i] + "'");
                }
            } else if (args[i].startsWith("--")) {
                throw new GradeCommand.UsageException("unknown option " + args[i] + "\n" + USAGE
                        + "\n(LESSONS_DIR and EXERCISES_DIR select the course)");
            } else {
                names.add(args[i]);
            }
        }
        return new Options(names, rounds);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        ServerConfig config;
        try {
            options = parse(args);
            config = ServerConfig.builder().environment(System.getenv(), Main.home()).build();
        } catch (GradeCommand.UsageException | IllegalArgumentException bad) {
            err.println("otplab check: " + bad.getMessage());
            return GradeCommand.EXIT_USAGE;
        }
        Course course = CourseCatalog.load(config.lessonsDir(), config.exercisesDir()).current();
        ExerciseCatalog catalog;
        try {
            catalog = ExerciseCatalog.scan(ExercisesDirectory.resolve());
        } catch (IOException e) {
            err.println("otplab check: cannot read " + ExercisesDirectory.resolve() + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        List<String> unknown = unknownNames(options, course, catalog);
        if (!unknown.isEmpty()) {
            err.println("otplab check: no exercise or lesson is called " + String.join(", ", unknown)
                    + "; exercises: " + catalog.exercises().stream().map(Exercise::slug)
                            .collect(Collectors.joining(", "))
                    + "; lessons: " + course.lessons().stream().map(Lesson::slug).collect(Collectors.joining(", ")));
            return GradeCommand.EXIT_USAGE;
        }
        int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        // The lesson runner and the grader stand on one floor: one sandbox probe, one worker image.
        try (Runner runner = lessonRunner(course, parallelism);
             GradingWorkerLauncher launcher = GradingWorkerLauncher.builder(runner.workers()).build()) {
            Grader grader = Grader.create(launcher);
            ExerciseCheckSuite exercises = new ExerciseCheckSuite(catalog, grader).only(options::selects);
            if (options.stressRounds() > 0) {
                try (BusyLoad load = BusyLoad.onEveryCore()) {
                    out.println("stress: " + load.threads() + " busy threads, " + options.stressRounds()
                            + " gradings of each reference solution");
                    return runSuites(List.of(new StressCheckSuite(exercises.catalog().exercises(), grader,
                            options.stressRounds())), out);
                }
            }
            List<Check.Suite> suites = new ArrayList<>();
            if (options.names().isEmpty() || course.lessons().stream().anyMatch(options::selects)) {
                suites.add(new LessonCheckSuite(course, sessionsOf(runner), parallelism, options::selects));
            }
            if (options.names().isEmpty() || !exercises.catalog().exercises().isEmpty()
                    || !exercises.catalog().invalid().isEmpty()) {
                suites.add(exercises);
            }
            return runSuites(suites, out);
        }
    }

    private static List<String> unknownNames(Options options, Course course, ExerciseCatalog catalog) {
        Set<String> exerciseSlugs = new LinkedHashSet<>();
        catalog.exercises().forEach(e -> exerciseSlugs.add(e.slug()));
        catalog.invalid().forEach(i -> exerciseSlugs.add(ExerciseCheckSuite.slugOf(i)));
        return options.names().stream()
                .filter(n -> !exerciseSlugs.contains(n))
                .filter(n -> course.lessons().stream().noneMatch(l -> new Options(Set.of(n), 0).selects(l)))
                .sorted().toList();
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
