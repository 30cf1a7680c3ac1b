package otplab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import otplab.course.Exercise;
import otplab.course.ExerciseLoader;
import otplab.grader.Grader;
import otplab.grader.GradingWorkerLauncher;
import otplab.grader.ResultsDocument;
import otplab.jvm.WorkerSettings;
import otplab.protocol.Frame;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.protocol.GradingSeal;
import otplab.protocol.SourceFile;
import otplab.protocol.TestOutcome;
import otplab.protocol.TestSource;
import otplab.worker.grading.GradingHarness;

/**
 * Grader benchmark, all in one run so the figures share the machine's load:
 * <ol>
 *   <li>grading the reference solution (visible and hidden tests) warm: one grader in this JVM
 *       configured as the server's, a fresh sandboxed worker per grading, taken when the spare is
 *       ready, as a learner's Submit finds it;</li>
 *   <li>the same gradings back to back, with the server's warm-up and without (the command's);</li>
 *   <li>a floor: the worker's grading harness called in this warm JVM, what a reused grading
 *       worker could approach;</li>
 *   <li>the baseline: the same files laid out as a throwaway Maven project in a temp folder,
 *       {@code mvn -q -o clean test} with the project's JUnit version;</li>
 *   <li>{@code ./otplab grade} from the shell (a cold CLI JVM per grading, as a CI job runs it);</li>
 *   <li>a class of 30 learners with {@code ./otplab grade --batch}: reference solutions, starters
 *       and a half-right solution mixed; wall time and the per-learner median.</li>
 * </ol>
 * Prints a Markdown table. Suite {@code grader} of {@code ./otplab bench}, which builds the worker
 * jar and its AOT cache first; it runs from the repository root. The exercise and the number of
 * timed warm gradings can be chosen with {@code -Dotplab.bench.grader.exercise=SLUG} and
 * {@code -Dotplab.bench.grader.runs=N} (through {@code OTPLAB_BENCH_JAVA_OPTS}).
 */
public final class GraderBench implements BenchSuite {
    static final String EXERCISE_PROPERTY = "otplab.bench.grader.exercise";
    static final String RUNS_PROPERTY = "otplab.bench.grader.runs";
    static final String DEFAULT_EXERCISE = "worker-supervisor";
    static final Path WORKER_DIR = Path.of("target/worker");
    /** A mistake that fails some tests but not all: the wrong strategy for independent workers. */
    static final String HALF_RIGHT_FROM = "Strategy.ONE_FOR_ONE";
    static final String HALF_RIGHT_TO = "Strategy.ONE_FOR_ALL";
    static final Duration SPARE_WAIT = Duration.ofSeconds(60);

    /** How hard to measure; a batch's learners come in thirds (pass, starter, half right). */
    record Plan(int warmUps, int warmRuns, int mavenRuns, int cliRuns, int learners) {
        static final Plan FULL = new Plan(3, 15, 3, 3, 30);
        static final Plan QUICK = new Plan(1, 1, 1, 1, 3);
    }

    private PrintStream out = System.out;
    private Plan plan = Plan.FULL;

    @Override
    public String name() {
        return "grader";
    }

    @Override
    public String summary() {
        return "grading in a fresh sandboxed worker vs mvn test on the same files; CLI and a class batch";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        out = context.out();
        Plan chosen = context.quick() ? Plan.QUICK : Plan.FULL;
        plan = new Plan(chosen.warmUps(), Integer.getInteger(RUNS_PROPERTY, chosen.warmRuns()),
                chosen.mavenRuns(), chosen.cliRuns(), chosen.learners());
        String slug = System.getProperty(EXERCISE_PROPERTY, DEFAULT_EXERCISE);
        Exercise exercise = ExerciseLoader.load(Path.of("exercises", slug));
        Path scratch = Files.createTempDirectory("grader-bench");
        try {
            out.println("exercise " + slug + ", " + (exercise.visibleTests().size() + exercise.hiddenTests().size())
                    + " test files; load average at start " + loadAverage());
            out.println();
            out.println("| measure | median | min | max | runs |");
            out.println("|---|---|---|---|---|");
            context.progress("warm gradings, a fresh warmed-up sandboxed worker each");
            Warm warm = warmGrading(exercise);
            context.progress("mvn test on the same files (baseline)");
            List<Long> maven = maven(exercise, scratch.resolve("maven"), warm.tests());
            row("`mvn -q -o clean test`, same files as a Maven project (baseline)", maven);
            out.printf("| **ratio Maven / warm grading (medians)** | **%.1f×** | | | |%n",
                    (double) median(maven) / Math.max(1, median(warm.times())));
            context.progress("gradings back to back");
            backToBack(exercise);
            context.progress("the grading harness in this JVM (floor)");
            List<Long> floor = engineInThisJvm(exercise);
            out.printf("| ratio Maven / engine in a warm JVM (medians) | %.1f× | | | |%n",
                    (double) median(maven) / Math.max(1, median(floor)));
            context.progress("./otplab grade from the shell");
            row("`./otplab grade` from the shell, cold CLI JVM", cli(slug));
            context.progress("./otplab grade --batch, " + plan.learners() + " learners");
            batch(exercise, scratch.resolve("batch"));
            out.println();
            out.println("load average at end " + loadAverage());
        } finally {
            deleteTree(scratch);
        }
    }

    record Warm(List<Long> times, List<Long> testTimes, int tests) {}

    /**
     * A Submit on a running server: the grader is warm and, as between a learner's submissions, its
     * spare worker has finished starting and warming up. The timed call is what the learner waits for.
     * Measured for the server's warm-up and, in the same run, for fewer warm-up gradings (0: a spare
     * that only started, with no sample gradings and no rehearsal of the exercise).
     */
    private Warm warmGrading(Exercise exercise) {
        Warm server = null;
        for (int warmUps = GradingWorkerLauncher.INTERACTIVE_WARM_UPS; warmUps >= 0; warmUps--) {
            Warm warm = spareReady(exercise, warmUps);
            String what = warmUps == GradingWorkerLauncher.INTERACTIVE_WARM_UPS
                    ? "grade reference solution, warm server grader, spare worker ready (" + warm.tests() + " tests)"
                    : "  the same, spare warmed up with " + warmUps + " sample grading" + (warmUps == 1 ? "" : "s")
                      + (warmUps == 0 ? " and no rehearsal" : "");
            row(what, warm.times());
            if (server == null) {
                server = warm;
                row("  of which the tests themselves run (sum of per-test durations)", warm.testTimes());
            }
        }
        return server;
    }

    private Warm spareReady(Exercise exercise, int warmUps) {
        try (GradingWorkerLauncher launcher = serverLauncher(warmUps)) {
            Grader grader = Grader.create(launcher);
            for (int i = 0; i < plan.warmUps(); i++) {
                gradePassing(grader, exercise);
            }
            List<Long> times = new ArrayList<>();
            List<Long> testTimes = new ArrayList<>();
            int tests = 0;
            for (int i = 0; i < plan.warmRuns(); i++) {
                if (!launcher.awaitSpare(SPARE_WAIT)) {
                    throw new IllegalStateException("no spare grading worker became ready within " + SPARE_WAIT);
                }
                long start = System.nanoTime();
                ResultsDocument doc = gradePassing(grader, exercise);
                times.add(millisSince(start));
                tests = doc.tests().size();
                testTimes.add(doc.tests().stream().mapToLong(ResultsDocument.Test::durationMs).sum());
            }
            return new Warm(times, testTimes, tests);
        }
    }

    /**
     * Gradings one after another with no pause, so each waits for the spare started when the
     * previous one took its worker: the server's configuration and the command's (no warm-up).
     */
    private void backToBack(Exercise exercise) {
        try (GradingWorkerLauncher server = serverLauncher(GradingWorkerLauncher.INTERACTIVE_WARM_UPS);
             GradingWorkerLauncher command = GradingWorkerLauncher.withDefaults()) {
            row("back to back, server grader (spares warm up " + GradingWorkerLauncher.INTERACTIVE_WARM_UPS + " gradings)",
                    backToBack(Grader.create(server), exercise));
            row("back to back, command grader (spares without warm-up)", backToBack(Grader.create(command), exercise));
        }
    }

    private List<Long> backToBack(Grader grader, Exercise exercise) {
        for (int i = 0; i < plan.warmUps(); i++) {
            gradePassing(grader, exercise);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < plan.warmRuns(); i++) {
            long start = System.nanoTime();
            gradePassing(grader, exercise);
            times.add(millisSince(start));
        }
        return times;
    }

    private static GradingWorkerLauncher serverLauncher(int warmUps) {
        return GradingWorkerLauncher.builder(WorkerSettings.defaults()).warmUpGradings(warmUps).build();
    }

    /**
     * The floor a reused grading JVM could approach: the worker's own grading harness (javac in
     * memory, bytecode policy, JUnit launcher) called in this already-warm JVM, without a fresh
     * process or sandbox. The reference solution is trusted code, so running it here is safe.
     */
    private List<Long> engineInThisJvm(Exercise exercise) throws IOException {
        List<TestSource> tests = new ArrayList<>();
        exercise.visibleTests().forEach(t -> tests.add(new TestSource(t, false)));
        exercise.hiddenTests().forEach(t -> tests.add(new TestSource(t, true)));
        Frame frame = new Frame(Frame.Type.GRADE, 1, List.of(GradingSeal.FIELD, GradingSeal.random().token()),
                GradingCodec.encode(new GradingRequest(exercise.solution(), tests, exercise.testTimeout())));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < plan.warmUps() + plan.warmRuns(); i++) {
            long start = System.nanoTime();
            Frame answer = gradeKeepingOurOutput(frame);
            long elapsed = millisSince(start);
            GradingReport report = answer.type() == Frame.Type.GRADED ? GradingCodec.decodeReport(answer.data()) : null;
            if (!(report instanceof GradingReport.Ran ran)
                    || ran.outcomes().stream().anyMatch(o -> o.status() != TestOutcome.Status.PASSED)) {
                throw new IllegalStateException("the in-process grading did not pass: " + (report == null ? answer : report));
            }
            if (i >= plan.warmUps()) {
                times.add(elapsed);
            }
        }
        row("floor: the same grading harness in this warm JVM (no fresh process, no sandbox)", times);
        return times;
    }

    /** The harness takes over System.out/err for per-test capture (a worker grades once); give them back. */
    private static Frame gradeKeepingOurOutput(Frame frame) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            return GradingHarness.grade(frame);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static ResultsDocument gradePassing(Grader grader, Exercise exercise) {
        ResultsDocument doc = grader.grade(exercise, exercise.solution(), Grader.Scope.ALL);
        if (doc.status() != ResultsDocument.Status.PASS) {
            throw new IllegalStateException("the reference solution did not pass: " + doc.status() + " " + doc.message());
        }
        return doc;
    }

    /** The baseline: the exercise as a plain Maven project; each run compiles and tests from clean. */
    private List<Long> maven(Exercise exercise, Path project, int expectedTests) throws Exception {
        Path main = project.resolve("src/main/java");
        Path test = project.resolve("src/test/java");
        write(main, exercise.solution());
        write(test, exercise.visibleTests());
        write(test, exercise.hiddenTests());
        Files.writeString(project.resolve("pom.xml"), pom(), StandardCharsets.UTF_8);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i <= plan.mavenRuns(); i++) {
            long start = System.nanoTime();
            int exit = run(project, project.resolve("mvn.log"), "mvn", "-q", "-o", "clean", "test");
            long elapsed = millisSince(start);
            if (exit != 0) {
                throw new IllegalStateException("mvn test failed (exit " + exit + "); see " + project.resolve("mvn.log")
                        + ":\n" + Files.readString(project.resolve("mvn.log")));
            }
            // The first run only fills the file cache, like the grader's warm-up gradings.
            if (i > 0) {
                times.add(elapsed);
            }
        }
        int ran = surefireTestCount(project.resolve("target/surefire-reports"));
        if (ran != expectedTests) {
            throw new IllegalStateException("Maven ran " + ran + " tests where the grader ran " + expectedTests);
        }
        return times;
    }

    private static String pom() throws IOException {
        Matcher junit = Pattern.compile("<junit.version>([^<]+)</junit.version>").matcher(Files.readString(Path.of("pom.xml")));
        if (!junit.find()) {
            throw new IllegalStateException("pom.xml names no junit.version");
        }
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId>
                  <artifactId>graded-exercise</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>25</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>otplab</groupId>
                      <artifactId>otp</artifactId>
                      <version>1</version>
                      <scope>system</scope>
                      <systemPath>%s</systemPath>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(junit.group(1), workerJar().toAbsolutePath());
    }

    /** The jar with the {@code otp} library (module {@code otplab.framework}) that the build puts in the worker's lib/. */
    private static Path workerJar() throws IOException {
        try (Stream<Path> files = Files.list(WORKER_DIR.resolve("lib"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-framework.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no framework jar in " + WORKER_DIR + "/lib; run ./otplab build first"));
        }
    }

    private static int surefireTestCount(Path reports) throws IOException {
        Pattern testsRun = Pattern.compile("Tests run: (\\d+)");
        int total = 0;
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Matcher m = testsRun.matcher(Files.readString(report));
                if (m.find()) {
                    total += Integer.parseInt(m.group(1));
                }
            }
        }
        return total;
    }

    private List<Long> cli(String slug) throws Exception {
        Path out = Files.createTempDirectory("grader-bench-cli");
        try {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < plan.cliRuns(); i++) {
                long start = System.nanoTime();
                int exit = run(Path.of("."), out.resolve("cli.log"), "./otplab", "grade", slug,
                        "exercises/" + slug + "/solution", "--out", out.toString());
                times.add(millisSince(start));
                if (exit != 0) {
                    throw new IllegalStateException("./otplab grade exited " + exit + ": " + Files.readString(out.resolve("cli.log")));
                }
            }
            return times;
        } finally {
            deleteTree(out);
        }
    }

    /** A class (30 in a full run): a third pass, a third hand in the starter, a third choose the wrong strategy. */
    private void batch(Exercise exercise, Path root) throws Exception {
        Path submissions = root.resolve("submissions");
        Path results = root.resolve("out");
        for (int i = 1; i <= plan.learners(); i++) {
            Path learner = submissions.resolve("learner-%02d".formatted(i));
            switch (i % 3) {
                case 0 -> write(learner, exercise.solution());
                case 1 -> write(learner, exercise.starter());
                default -> write(learner, halfRight(exercise));
            }
        }
        long start = System.nanoTime();
        int exit = run(Path.of("."), root.resolve("batch.log"), "./otplab", "grade", "--batch", exercise.slug(),
                submissions.toString(), "--out", results.toString());
        long wall = millisSince(start);
        if (exit != 0 && exit != 1) {
            throw new IllegalStateException("./otplab grade --batch exited " + exit + ": " + Files.readString(root.resolve("batch.log")));
        }
        ObjectMapper json = new ObjectMapper();
        List<Long> perLearner = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        try (Stream<Path> learners = Files.list(results)) {
            for (Path dir : learners.filter(Files::isDirectory).toList()) {
                JsonNode doc = json.readTree(dir.resolve("results.json").toFile());
                perLearner.add(doc.path("durationMs").asLong());
                statuses.merge(doc.path("status").asText(), 1, Integer::sum);
            }
        }
        if (perLearner.size() != plan.learners()) {
            throw new IllegalStateException("the batch wrote " + perLearner.size() + " results for " + plan.learners() + " learners");
        }
        out.printf("| `./otplab grade --batch`, %d learners (%s), wall time | %d ms | | | 1 |%n",
                plan.learners(), statuses, wall);
        row("  per learner inside that batch (durationMs of each results.json)", perLearner);
        out.printf("| batch throughput | %.2f learners/s | | | |%n", plan.learners() * 1000.0 / wall);
    }

    private static List<SourceFile> halfRight(Exercise exercise) {
        List<SourceFile> files = new ArrayList<>();
        boolean changed = false;
        for (SourceFile file : exercise.solution()) {
            String content = file.content().replace(HALF_RIGHT_FROM, HALF_RIGHT_TO);
            changed |= !content.equals(file.content());
            files.add(new SourceFile(file.name(), content));
        }
        return changed ? files : exercise.starter();
    }

    private static void write(Path dir, List<SourceFile> files) throws IOException {
        Files.createDirectories(dir);
        for (SourceFile file : files) {
            Files.writeString(dir.resolve(file.name()), file.content(), StandardCharsets.UTF_8);
        }
    }

    private static int run(Path dir, Path log, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 minutes");
        }
        return process.exitValue();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private void row(String label, List<Long> times) {
        out.printf("| %s | %d ms | %d ms | %d ms | %d |%n",
                label, median(times), Collections.min(times), Collections.max(times), times.size());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
