package otplab.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import otplab.jvm.OutputListener;
import otplab.protocol.RunStatus;
import otplab.runner.RunResult;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.web.CourseServer;

/**
 * Runner benchmark: warm cell latency (println and GenServer cells) against a cold {@code jshell},
 * 20 concurrent one-shot runs through the real course server's {@code POST /api/run} while a
 * lesson page is fetched over and over, a worker's resident memory and the server's heap. Prints a
 * Markdown table. Suite {@code runner} of {@code ./otplab bench}, which builds the worker jar and its
 * AOT cache first; it runs from the repository root.
 */
public final class RunnerBench implements BenchSuite {
    static final String PRINTLN = "System.out.println(\"hello\");";
    /** A lesson-sized GenServer cell: declare a server, start it, call it, stop it. */
    static final String GENSERVER = """
            final class Tally implements GenServer<Integer, Integer> {
                @Override public Init<Integer> init(Integer start) { return ok(start); }
                @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) { return reply(n + 1, n + 1); }
            }
            Pid tally = GenServer.start(new Tally(), 41);
            System.out.println((int) GenServer.call(tally, "add"));
            GenServer.stop(tally);""";
    static final String LESSON_PAGE = "/lessons/genserver";

    /** How hard to measure: warm-ups and timed runs of a cell, cold jshell starts, the burst's size. */
    record Plan(int warmUps, int warmRuns, int coldStarts, int concurrent) {
        static final Plan FULL = new Plan(5, 40, 5, 20);
        static final Plan QUICK = new Plan(1, 3, 1, 3);
    }

    private PrintStream out = System.out;
    private Plan plan = Plan.FULL;

    @Override
    public String name() {
        return "runner";
    }

    @Override
    public String summary() {
        return "sandboxed worker cells (warm sessions, one-shot bursts over HTTP) vs a cold jshell";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        out = context.out();
        plan = context.quick() ? Plan.QUICK : Plan.FULL;
        int concurrent = plan.concurrent();
        Runner runner = Runner.create(s -> s.poolSize(2).maxWorkers(concurrent + 2));
        CourseServer server = CourseServer.create(config -> RunnerModule.addTo(
                config.port(0).lessonsDir(Path.of("lessons")).authorMode(false), runner)).start();
        try {
            out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).strip());
            out.println("| measure | p50 | p95 |");
            out.println("|---|---|---|");
            context.progress("warm session cells");
            List<Long> println = warm(runner, "warm println cell (session)", PRINTLN);
            warm(runner, "warm GenServer cell (session)", GENSERVER);
            context.progress("cold jshell starts (baseline)");
            List<Long> cold = new ArrayList<>();
            for (int i = 0; i < plan.coldStarts(); i++) {
                cold.add(jshellCold(PRINTLN));
            }
            row("`jshell` command line, cold, println (baseline)", cold);
            out.println("| ratio warm println / cold jshell (medians) | 1/" + median(cold) / Math.max(1, median(println)) + " | |");
            context.progress(concurrent + " one-shot runs at once, pool of 2");
            concurrent(server, "pool of 2");
            memory(runner);
        } finally {
            server.stop();
        }
        Runner warm = Runner.create(s -> s.poolSize(concurrent).maxWorkers(concurrent + 2));
        CourseServer burst = CourseServer.create(config -> RunnerModule.addTo(
                config.port(0).lessonsDir(Path.of("lessons")).authorMode(false), warm)).start();
        try {
            context.progress("waiting for " + concurrent + " warm workers");
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (!Integer.valueOf(concurrent).equals(warm.health().get("ready")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            concurrent(burst, "pool of " + warm.health().get("ready") + " warm");
        } finally {
            burst.stop();
        }
        out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private List<Long> warm(Runner runner, String label, String code) throws Exception {
        String session = "bench-" + Math.abs(label.hashCode());
        for (int i = 0; i < plan.warmUps(); i++) {
            runner.runInSession(session, code, OutputListener.NONE);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < plan.warmRuns(); i++) {
            long start = System.nanoTime();
            RunResult result = runner.runInSession(session, code, OutputListener.NONE);
            times.add((System.nanoTime() - start) / 1_000_000);
            if (!result.status().equals(RunStatus.OK)) {
                throw new IllegalStateException(label + ": " + result);
            }
        }
        row(label, times);
        runner.reset(session);
        return times;
    }

    private long jshellCold(String code) throws Exception {
        Path script = Files.createTempFile("bench", ".jsh");
        Files.writeString(script, code + "\n/exit\n");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(), script.toString())
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor();
        Files.delete(script);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** One-shot runs at once over HTTP (20 in a full run), while another client keeps fetching a lesson page. */
    private void concurrent(CourseServer server, String pool) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"code\": \"System.out.println(\\\"hello\\\");\"}";
        HttpRequest run = HttpRequest.newBuilder(URI.create(server.url() + "api/run"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpRequest page = HttpRequest.newBuilder(URI.create(server.url() + LESSON_PAGE.substring(1))).build();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger pageErrors = new AtomicInteger();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Long> pageTimes = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().start(() -> {
            while (loading.get()) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(page, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        pageErrors.incrementAndGet();
                    }
                } catch (Exception e) {
                    pageErrors.incrementAndGet();
                }
                pageTimes.add((System.nanoTime() - start) / 1_000_000);
            }
        });
        ExecutorService clients = Executors.newFixedThreadPool(plan.concurrent());
        List<Callable<Long>> jobs = new ArrayList<>();
        for (int i = 0; i < plan.concurrent(); i++) {
            jobs.add(() -> {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(run, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || !response.body().contains("\"status\":\"ok\"")) {
                    errors.incrementAndGet();
                }
                return (System.nanoTime() - start) / 1_000_000;
            });
        }
        long start = System.nanoTime();
        List<Long> times = new ArrayList<>();
        for (Future<Long> f : clients.invokeAll(jobs)) {
            times.add(f.get());
        }
        long all = (System.nanoTime() - start) / 1_000_000;
        Runtime heap = Runtime.getRuntime();
        long usedMb = (heap.totalMemory() - heap.freeMemory()) / (1024 * 1024);
        loading.set(false);
        reader.join();
        clients.shutdown();
        row(plan.concurrent() + " concurrent one-shot runs over HTTP, " + pool + " (each; " + errors.get() + " errors, all done in " + all + " ms)", times);
        row("lesson page during those runs (" + pageTimes.size() + " fetches, " + pageErrors.get() + " errors)", pageTimes);
        out.println("| server JVM heap in use right after those runs | " + usedMb + " MB | |");
    }

    private void memory(Runner runner) throws Exception {
        runner.runInSession("bench-mem", "1", OutputListener.NONE);
        long idle = rssOfSessionWorker(runner);
        runner.runInSession("bench-mem", GENSERVER, OutputListener.NONE);
        long after = rssOfSessionWorker(runner);
        out.println("| worker RSS idle / after a GenServer cell (largest worker) | " + idle / 1024 + " MB | " + after / 1024 + " MB |");
        runner.reset("bench-mem");
    }

    /** Largest VmRSS (kB) among this JVM's descendants that are worker JVMs. */
    private static long rssOfSessionWorker(Runner runner) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("otplab.worker.WorkerMain"))
                .mapToLong(p -> {
                    try {
                        return Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                                .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
                    } catch (Exception e) {
                        return 0;
                    }
                }).max().orElse(0);
    }

    private static long median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private void row(String label, List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        long p50 = sorted.get(sorted.size() / 2);
        long p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        out.println("| " + label + " | " + p50 + " ms | " + p95 + " ms |");
    }

}
