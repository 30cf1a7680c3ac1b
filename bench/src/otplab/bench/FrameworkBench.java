package otplab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The process library against Apache Pekko typed actors and bare virtual threads, in one
 * JVM and one run, and against the BEAM running the same workloads ({@link Beam}) in the same run
 * when {@code erl} and {@code erlc} are on the PATH.
 *
 * <p>For tuning, two system properties narrow a run (through {@code OTPLAB_BENCH_JAVA_OPTS}):
 * {@code otplab.bench.contenders} (any of {@code otp,otp-traced,pekko,baseline,beam}; {@code otp-traced} is OTP Lab
 * with the lesson page's process observer following every event, as in a learner's worker) and
 * {@code otplab.bench.metrics} (any of {@code call,cast,spawn,restart,ring}).
 */
public final class FrameworkBench implements BenchSuite {
    static final String CONTENDERS_PROPERTY = "otplab.bench.contenders";
    static final String METRICS_PROPERTY = "otplab.bench.metrics";
    /**
     * Measured 1M-spawn rounds stop once a contender has used this much time (at least one round):
     * with spawn, heap reading and teardown, a slow contender's round takes 15-20 s here and five of
     * them would be most of the run.
     */
    static final long SPAWN_BUDGET_NANOS = 20_000_000_000L;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** How hard to measure: counts, rounds and round lengths. */
    record Plan(int callWarmups, int callRounds, long callRoundNanos,
                int castWarmups, int castRounds, int castMessages,
                int spawnWarmupCount, int spawnRounds, int spawnCount,
                int restartWarmups, int restartRounds, int restartCount,
                int ringWarmups, int ringRounds, int ringSize, int ringLaps) {

        static final Plan FULL = new Plan(3, 5, 200_000_000L,
                3, 7, 1_000_000,
                100_000, 5, 1_000_000,
                300, 5, 1_000,
                1, 5, 10_000, 20);

        static final Plan QUICK = new Plan(1, 2, 20_000_000L,
                1, 2, 20_000,
                2_000, 1, 10_000,
                20, 1, 100,
                1, 2, 1_000, 3);
    }

    private final Map<Metric, Map<String, Sample>> results = new EnumMap<>(Metric.class);
    private final Map<Metric, Map<String, Sample>> allocations = new EnumMap<>(Metric.class);

    @Override
    public String name() {
        return "framework";
    }

    @Override
    public String summary() {
        return "otp process library vs Apache Pekko typed vs bare virtual threads (and the BEAM, same run)";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Plan plan = context.quick() ? Plan.QUICK : Plan.FULL;
        Set<String> metrics = selection(METRICS_PROPERTY, "call,cast,spawn,restart,ring");
        results.clear();
        allocations.clear();
        List<Contender> contenders = new ArrayList<>();
        Set<String> wanted = selection(CONTENDERS_PROPERTY, "baseline,otp,pekko,beam");
        try {
            for (Supplier<Contender> factory : contenderFactories(wanted)) {
                contenders.add(factory.get());
            }
            for (Contender contender : contenders) {
                measure(contender, plan, metrics, context);
            }
        } finally {
            for (Contender contender : contenders) {
                contender.close();
            }
        }
        List<String> names = new ArrayList<>(contenders.stream().map(Contender::name).toList());
        String beamNote = wanted.contains("beam") ? measureBeam(plan, metrics, context)
                : "not measured: left out by " + CONTENDERS_PROPERTY + NOT_JUDGED;
        if (results.values().stream().anyMatch(byContender -> byContender.containsKey(Beam.NAME))) {
            names.add(Beam.NAME);
        }
        new FrameworkReport(plan, names, results, allocations, beamNote).print(context.out());
    }

    private static final String NOT_JUDGED = "; the BEAM column is empty and no target is judged.";

    /** Runs the BEAM side and records its figures; returns the report's line on what ran. */
    private String measureBeam(Plan plan, Set<String> metrics, BenchContext context) throws InterruptedException {
        var missing = Beam.missingTool();
        if (missing.isPresent()) {
            return "not measured: " + missing.get() + " is not on the PATH (Debian: apt-get install erlang)" + NOT_JUDGED;
        }
        context.progress(Beam.NAME + ": the same workloads in erl (bench/erlang)");
        try {
            Beam.Figures figures = new Beam(Path.of(System.getProperty("otplab.home", "."))).measure(plan, metrics, context);
            figures.samples().forEach((metric, sample) -> record(metric, Beam.NAME, sample, null));
            return "Erlang/OTP " + figures.release() + " ran the same workloads (bench/erlang) in this run;"
                    + " the targets are judged against its figures.";
        } catch (IOException e) {
            return "not measured: " + e.getMessage() + NOT_JUDGED;
        }
    }

    private static Set<String> selection(String property, String all) {
        return Arrays.stream(System.getProperty(property, all).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static List<Supplier<Contender>> contenderFactories(Set<String> wanted) {
        List<Supplier<Contender>> factories = new ArrayList<>();
        if (wanted.contains("baseline")) {
            factories.add(Baseline::new);
        }
        if (wanted.contains("otp")) {
            factories.add(OtpLab::new);
        }
        if (wanted.contains("otp-traced")) {
            factories.add(OtpLab::traced);
        }
        if (wanted.contains("pekko")) {
            factories.add(Pekko::new);
        }
        return factories;
    }

    private void measure(Contender contender, Plan plan, Set<String> metrics, BenchContext context) throws Exception {
        String who = contender.name();
        if (metrics.contains("call")) {
            context.progress(who + ": call round trip");
            System.gc();
            for (int i = 0; i < plan.callWarmups(); i++) {
                contender.calls(plan.callRoundNanos());
            }
            double[] micros = new double[plan.callRounds()];
            double[] bytes = new double[plan.callRounds()];
            for (int i = 0; i < micros.length; i++) {
                long allocatedBefore = allocated();
                Loops.Rate rate = contender.calls(plan.callRoundNanos());
                bytes[i] = (double) (allocated() - allocatedBefore) / rate.operations();
                micros[i] = rate.nanosPerOperation() / 1_000;
            }
            record(Metric.CALL, who, Sample.of(micros), Sample.of(bytes));
        }
        if (metrics.contains("cast")) {
            context.progress(who + ": cast throughput");
            System.gc();
            for (int i = 0; i < plan.castWarmups(); i++) {
                contender.castNanos(plan.castMessages());
            }
            double[] perSecond = new double[plan.castRounds()];
            double[] bytes = new double[plan.castRounds()];
            for (int i = 0; i < perSecond.length; i++) {
                long allocatedBefore = allocated();
                perSecond[i] = plan.castMessages() * 1_000.0 / contender.castNanos(plan.castMessages());
                bytes[i] = (double) (allocated() - allocatedBefore) / plan.castMessages();
            }
            record(Metric.CAST, who, Sample.of(perSecond), Sample.of(bytes));
        }
        if (metrics.contains("spawn")) {
            context.progress(who + ": spawn " + plan.spawnCount() + " waiting processes");
            spawnRound(contender, plan.spawnWarmupCount(), context);
            List<SpawnRound> rounds = new ArrayList<>();
            long budgetEnds = System.nanoTime() + SPAWN_BUDGET_NANOS;
            do {
                rounds.add(spawnRound(contender, plan.spawnCount(), context));
            } while (rounds.size() < plan.spawnRounds() && System.nanoTime() < budgetEnds);
            double perMillion = 1_000_000.0 / plan.spawnCount();
            record(Metric.SPAWN_TIME, who,
                    Sample.of(rounds.stream().mapToDouble(r -> r.seconds() * perMillion).toArray()),
                    Sample.of(rounds.stream().mapToDouble(r -> (double) r.allocatedBytes() / plan.spawnCount()).toArray()));
            record(Metric.SPAWN_MEMORY, who,
                    Sample.of(rounds.stream().mapToDouble(r -> r.liveBytes() / 1024.0 / plan.spawnCount()).toArray()), null);
        }
        if (metrics.contains("restart")) {
            context.progress(who + ": supervisor restart");
            System.gc();
            Contender.Restarts restarts = contender.supervisedChild();
            try {
                restarts.crashAndCallAgain(plan.restartWarmups());
                double[] medians = new double[plan.restartRounds()];
                double[] p99s = new double[plan.restartRounds()];
                double[] bytes = new double[plan.restartRounds()];
                for (int i = 0; i < medians.length; i++) {
                    long allocatedBefore = allocated();
                    Sample latencies = Sample.ofNanos(restarts.crashAndCallAgain(plan.restartCount())).scaled(1e-3);
                    bytes[i] = (double) (allocated() - allocatedBefore) / plan.restartCount();
                    medians[i] = latencies.median();
                    p99s[i] = latencies.percentile(99);
                    context.progress(String.format(Locale.ROOT,
                            "   %,d restarts: median %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f µs",
                            plan.restartCount(), latencies.median(), latencies.percentile(90),
                            latencies.percentile(99), latencies.max()));
                }
                record(Metric.RESTART_MEDIAN, who, Sample.of(medians), Sample.of(bytes));
                record(Metric.RESTART_P99, who, Sample.of(p99s), null);
            } finally {
                restarts.close();
            }
        }
        if (metrics.contains("ring")) {
            context.progress(who + ": ring of " + plan.ringSize());
            System.gc();
            Contender.Ring ring = contender.ring(plan.ringSize());
            try {
                for (int i = 0; i < plan.ringWarmups(); i++) {
                    ring.lapsNanos(plan.ringLaps());
                }
                double[] perHop = new double[plan.ringRounds()];
                double[] bytes = new double[plan.ringRounds()];
                long hops = (long) plan.ringLaps() * plan.ringSize();
                for (int i = 0; i < perHop.length; i++) {
                    long allocatedBefore = allocated();
                    perHop[i] = (double) ring.lapsNanos(plan.ringLaps()) / hops;
                    bytes[i] = (double) (allocated() - allocatedBefore) / hops;
                }
                record(Metric.RING, who, Sample.of(perHop), Sample.of(bytes));
            } finally {
                ring.close();
            }
        }
    }

    private record SpawnRound(double seconds, long liveBytes, long allocatedBytes) {}

    /** Spawns {@code count} waiting processes; live bytes are read after full collections while all are alive. */
    private static SpawnRound spawnRound(Contender contender, int count, BenchContext context) throws Exception {
        long before = Heap.usedAfterGc();
        long allocatedBefore = allocated();
        long start = System.nanoTime();
        Contender.Population population = contender.spawnWaiting(count);
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocatedBytes = allocated() - allocatedBefore;
        long after = Heap.usedAfterGc();
        long stopping = System.nanoTime();
        population.close();
        context.progress(String.format(Locale.ROOT, "   %,d spawned in %.2f s, %.0f B live each; all stopped in %.2f s",
                count, seconds, (double) (after - before) / count, (System.nanoTime() - stopping) / 1e9));
        return new SpawnRound(seconds, after - before, allocatedBytes);
    }

    /** Bytes allocated by all threads so far; virtual threads count through their carriers. */
    private static long allocated() {
        return THREADS.getTotalThreadAllocatedBytes();
    }

    private void record(Metric metric, String contender, Sample sample, Sample bytesPerOperation) {
        results.computeIfAbsent(metric, m -> new LinkedHashMap<>()).put(contender, sample);
        if (bytesPerOperation != null) {
            allocations.computeIfAbsent(metric, m -> new LinkedHashMap<>()).put(contender, bytesPerOperation);
        }
    }

    /** What the table shows, with the target (a factor of the BEAM's figure of the same run) where there is one. */
    enum Metric {
        CALL("call round trip, µs", "call", true, 0.6),
        CAST("cast throughput, M msgs/s", "message", false, 1.5),
        SPAWN_TIME("spawn 1M waiting processes, s", "process", true, 0.3),
        SPAWN_MEMORY("heap per waiting process, KiB", "process", true, 0.5),
        RESTART_MEDIAN("supervisor restart, median µs", "restart", true, 1.0),
        RESTART_P99("supervisor restart, p99 µs", "restart", true, Double.NaN),
        RING("10k-process ring, ns per hop", "hop", true, 1.0);

        final String label;
        final String operation;
        final boolean lowerIsBetter;
        final double targetFactor;

        Metric(String label, String operation, boolean lowerIsBetter, double targetFactor) {
            this.label = label;
            this.operation = operation;
            this.lowerIsBetter = lowerIsBetter;
            this.targetFactor = targetFactor;
        }

        boolean hasTarget() {
            return !Double.isNaN(targetFactor);
        }

        boolean meets(double value, double beam) {
            double limit = beam * targetFactor;
            return lowerIsBetter ? value <= limit : value >= limit;
        }

        String target() {
            return String.format(Locale.ROOT, "%s %s× BEAM", lowerIsBetter ? "≤" : "≥",
                    BigDecimal.valueOf(targetFactor).stripTrailingZeros().toPlainString());
        }
    }
}
