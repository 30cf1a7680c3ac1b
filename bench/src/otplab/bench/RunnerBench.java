package otplab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import otplab.runner.OutputListener;
import otplab.runner.RunResult;
import otplab.runner.Runner;

/**
 * Runner benchmark: warm cell latency against a cold {@code jshell}, 20 concurrent one-shot runs,
 * and a worker's resident memory. Prints a Markdown table; run from the repository root:
 *
 * <pre>java -cp target/classes:$(cat target/runtime-classpath.txt) bench/src/otplab/bench/RunnerBench.java</pre>
 */
public final class RunnerBench {
    static final String PRINTLN = "System.out.println(\"hello\");";
    /** A record declared and used; becomes a GenServer cell once the framework branch is merged. */
    static final String GENSERVER = """
            record Counter(int n) {}
            var c = new Counter(1);
            System.out.println(c.n() + 1);""";
    static final int WARM_RUNS = 40;

    public static void main(String[] args) throws Exception {
        String classCell = GENSERVER;
        try (Runner runner = Runner.create(s -> s.poolSize(2).maxWorkers(22)).start()) {
            System.out.println("| measure | p50 | p95 |");
            System.out.println("|---|---|---|");
            warm(runner, "warm println cell (session)", PRINTLN);
            warm(runner, "warm class cell (session)", classCell);
            List<Long> cold = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                cold.add(jshellCold(PRINTLN));
            }
            row("`jshell` command line, cold, println", cold);
            concurrent(runner);
            memory(runner, classCell);
        }
    }

    private static void warm(Runner runner, String label, String code) throws Exception {
        String session = "bench-" + Math.abs(label.hashCode());
        for (int i = 0; i < 5; i++) {
            runner.runInSession(session, code, OutputListener.NONE);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            long start = System.nanoTime();
            RunResult result = runner.runInSession(session, code, OutputListener.NONE);
            times.add((System.nanoTime() - start) / 1_000_000);
            if (!result.status().equals(RunResult.OK)) {
                throw new IllegalStateException(label + ": " + result);
            }
        }
        row(label, times);
        runner.reset(session);
    }

    private static long jshellCold(String code) throws Exception {
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

    private static void concurrent(Runner runner) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Callable<Long>> jobs = new ArrayList<>();
        int[] errors = {0};
        for (int i = 0; i < 20; i++) {
            jobs.add(() -> {
                long start = System.nanoTime();
                RunResult result = runner.runOnce(PRINTLN, OutputListener.NONE);
                if (!result.status().equals(RunResult.OK)) {
                    synchronized (errors) {
                        errors[0]++;
                    }
                }
                return (System.nanoTime() - start) / 1_000_000;
            });
        }
        long start = System.nanoTime();
        List<Long> times = new ArrayList<>();
        for (Future<Long> f : clients.invokeAll(jobs)) {
            times.add(f.get());
        }
        clients.shutdown();
        row("20 concurrent one-shot runs (each; " + errors[0] + " errors, all done in "
                + (System.nanoTime() - start) / 1_000_000 + " ms)", times);
    }

    private static void memory(Runner runner, String classCell) throws Exception {
        runner.runInSession("bench-mem", "1", OutputListener.NONE);
        long idle = rssOfSessionWorker(runner);
        runner.runInSession("bench-mem", classCell, OutputListener.NONE);
        long after = rssOfSessionWorker(runner);
        System.out.println("| worker RSS idle / after a class cell | " + idle / 1024 + " MB | " + after / 1024 + " MB |");
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

    private static void row(String label, List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        long p50 = sorted.get(sorted.size() / 2);
        long p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        System.out.println("| " + label + " | " + p50 + " ms | " + p95 + " ms |");
    }

}
