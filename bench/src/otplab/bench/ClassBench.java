package otplab.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./otplab bench class}: a class of simulated learners on one server for a few minutes.
 * Each learner has a browser of its own, arrives in the first 30 s, opens lesson pages, runs their
 * cells over the page's run socket with think time between runs, and now and then submits an
 * exercise. Reports run and submit latencies, errors, lost sessions, queueing, the server's and the
 * workers' memory and the CPU they used; never asserts on timing. Without {@code --url} it starts
 * {@code ./otplab serve} itself (fresh DATA_DIR, free port) and stops it after.
 */
public final class ClassBench implements BenchSuite {
    static final Path RESULTS = Path.of("target/bench");
    /** How long after the end learners may still be waiting for runs and submits in flight. */
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(6);
    private static final Pattern RUNS_METRIC = Pattern.compile("otplab_runs_total\\{status=\"([a-z_]+)\"} (\\S+)");

    private final List<String> serveCommand;
    private final Behaviour behaviour;

    public ClassBench() {
        this(List.of("./otplab", "serve"), Behaviour.CLASSROOM);
    }

    ClassBench(List<String> serveCommand, Behaviour behaviour) {
        this.serveCommand = List.copyOf(serveCommand);
        this.behaviour = behaviour;
    }

    @Override
    public String name() {
        return "class";
    }

    @Override
    public String summary() {
        return "a class of simulated learners on one server: run and submit latency, errors, lost sessions, memory";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(ClassSettings.LEARNERS, "simulated learners (default " + ClassSettings.DEFAULT_LEARNERS + ")");
        options.put(ClassSettings.MINUTES, "minutes learners keep working (default " + Format.number(ClassSettings.DEFAULT_MINUTES) + ")");
        options.put(ClassSettings.URL, "a running server to load instead of a fresh ./otplab serve");
        options.put(ClassSettings.SEED, "seed of the learners' think times and choices (default " + ClassSettings.DEFAULT_SEED + ")");
        return options;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        ClassSettings settings = ClassSettings.from(context);
        Curriculum curriculum = Curriculum.load(Path.of("lessons"), Path.of("exercises"));
        context.progress("class: " + settings.describe() + "; " + curriculum.lessons().size() + " lessons with runnable cells");
        ClassResult result;
        if (settings.url().isPresent()) {
            URI url = settings.url().get();
            OptionalLong pid = url.getPort() > 0 ? ServerProcesses.listening(url.getPort()) : OptionalLong.empty();
            result = simulate(context, settings, curriculum, url, pid);
        } else {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            try (LocalServer server = LocalServer.start(serveCommand, Map.of(), RESULTS.resolve("class-server-" + stamp + ".log"))) {
                context.progress("server " + server.url() + " (pid " + server.pid() + "), log in " + server.log());
                result = simulate(context, settings, curriculum, server.url(), OptionalLong.of(server.pid()));
            }
        }
        ClassReport report = new ClassReport(result);
        report.print(context.out());
        Path json = report.write(RESULTS);
        context.out().println();
        context.out().println("Figures written to " + json);
    }

    /** Runs the class against {@code url} and gathers what it saw; {@code serverPid} (when known) gives memory and CPU. */
    ClassResult simulate(BenchContext context, ClassSettings settings, Curriculum curriculum, URI url, OptionalLong serverPid)
            throws InterruptedException {
        ClassTally tally = new ClassTally();
        String loadAtStart = ServerProcesses.loadAverage();
        long[] ticksAtStart = ServerProcesses.machineTicks();
        double[] cpuAtStart = serverPid.isPresent() ? ServerProcesses.cpuSeconds(serverPid.getAsLong()) : null;
        MemorySampler memory = serverPid.isPresent() ? new MemorySampler(serverPid.getAsLong()) : null;
        long start = System.nanoTime();
        long deadline = start + settings.duration().toNanos();
        List<Thread> learners = new ArrayList<>();
        Thread progress = Thread.ofPlatform().daemon().name("class-bench-progress").start(() -> report(context, tally, start, deadline));
        try {
            for (int i = 0; i < settings.learners(); i++) {
                long arrival = start + settings.arrivals().toNanos() * i / settings.learners();
                Learner learner = new Learner(i + 1, url, curriculum, behaviour, tally, deadline,
                        i % curriculum.lessons().size(), settings.seed() * 1_000_003L + i);
                learners.add(Thread.ofVirtual().name("learner-" + (i + 1)).start(() -> {
                    try {
                        Thread.sleep(Duration.ofNanos(Math.max(0, arrival - System.nanoTime())));
                        learner.run();
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            long drainEnd = deadline + DRAIN_LIMIT.toNanos();
            for (Thread learner : learners) {
                learner.join(Duration.ofNanos(Math.max(1, drainEnd - System.nanoTime())));
            }
        } finally {
            learners.forEach(Thread::interrupt);
            progress.interrupt();
            if (memory != null) {
                memory.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] ticksAtEnd = ServerProcesses.machineTicks();
        double busy = ticksAtEnd[1] == ticksAtStart[1] ? Double.NaN
                : (ticksAtEnd[0] - ticksAtStart[0]) / (double) (ticksAtEnd[1] - ticksAtStart[1]);
        double serverCpu = cpuAtStart == null ? Double.NaN : ServerProcesses.cpuSeconds(serverPid.getAsLong())[0] - cpuAtStart[0];
        return new ClassResult(settings, tally, seconds, loadAtStart, ServerProcesses.loadAverage(), busy, serverCpu,
                memory == null ? null : memory.peaks(), serverRuns(url));
    }

    private static void report(BenchContext context, ClassTally tally, long start, long deadline) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(Duration.ofSeconds(30));
                List<ClassTally.RunRecord> runs = tally.runs();
                LatencySummary latency = LatencySummary.of(runs.stream().map(ClassTally.RunRecord::latencyMs).toList());
                context.progress(String.format("%s: %d runs (p50/p95/max %s), %d submits, %d errors, %d lost, load %s",
                        System.nanoTime() < deadline ? "working" : "finishing runs in flight", runs.size(), latency.seconds(),
                        tally.submits().size(), tally.errorCount(), tally.lostCount(), ServerProcesses.loadAverage()));
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server's own count of runs by status from {@code /metrics} (busy: refused for want of a worker); empty when it will not say. */
    static Map<String, Double> serverRuns(URI url) {
        Map<String, Double> runs = new LinkedHashMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(url.resolve("/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() == 200) {
                for (String line : metrics.body().lines().toList()) {
                    Matcher matcher = RUNS_METRIC.matcher(line);
                    if (matcher.matches()) {
                        runs.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
                    }
                }
            }
        } catch (IOException | RuntimeException unreachable) {
            // the figures are a cross-check; the learners' own counts stand without them
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return runs;
    }
}
