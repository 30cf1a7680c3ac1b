package otplab.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The process library against Apache Pekko typed actors and bare virtual threads, in one
 * JVM and one run, with the BEAM figures measured on this machine as anchors.
 */
public final class FrameworkBench implements BenchSuite {

    /** How hard to measure: counts, rounds and round lengths. */
    record Plan(int callWarmups, int callRounds, long callRoundNanos,
                int castWarmups, int castRounds, int castMessages,
                int spawnWarmupCount, int spawnRounds, int spawnCount,
                int restartWarmups, int restartCount,
                int ringWarmups, int ringRounds, int ringSize, int ringLaps) {

        static final Plan FULL = new Plan(3, 5, 300_000_000L,
                3, 5, 1_000_000,
                100_000, 3, 1_000_000,
                300, 1_000,
                2, 5, 10_000, 30);

        static final Plan QUICK = new Plan(1, 2, 20_000_000L,
                1, 2, 20_000,
                2_000, 1, 10_000,
                20, 100,
                1, 2, 1_000, 3);
    }

    private final Map<Metric, Map<String, Sample>> results = new EnumMap<>(Metric.class);

    @Override
    public String name() {
        return "framework";
    }

    @Override
    public String summary() {
        return "otp process library vs Apache Pekko typed vs bare virtual threads (BEAM anchors)";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Plan plan = context.quick() ? Plan.QUICK : Plan.FULL;
        results.clear();
        List<Contender> contenders = new ArrayList<>();
        try {
            for (Supplier<Contender> factory : contenderFactories()) {
                contenders.add(factory.get());
            }
            for (Contender contender : contenders) {
                measure(contender, plan, context);
            }
        } finally {
            for (Contender contender : contenders) {
                contender.close();
            }
        }
        List<String> names = contenders.stream().map(Contender::name).toList();
        new FrameworkReport(plan, names, results).print(context.out());
    }

    private static List<Supplier<Contender>> contenderFactories() {
        return List.of(Baseline::new, OtpLab::new, Pekko::new);
    }

    private void measure(Contender contender, Plan plan, BenchContext context) throws Exception {
        String who = contender.name();
        context.progress(who + ": call round trip");
        System.gc();
        for (int i = 0; i < plan.callWarmups(); i++) {
            contender.nanosPerCall(plan.callRoundNanos());
        }
        double[] call = new double[plan.callRounds()];
        for (int i = 0; i < call.length; i++) {
            call[i] = contender.nanosPerCall(plan.callRoundNanos()) / 1_000;
        }
        record(Metric.CALL, who, Sample.of(call));

        context.progress(who + ": cast throughput");
        System.gc();
        for (int i = 0; i < plan.castWarmups(); i++) {
            contender.castNanos(plan.castMessages());
        }
        double[] cast = new double[plan.castRounds()];
        for (int i = 0; i < cast.length; i++) {
            cast[i] = plan.castMessages() * 1_000.0 / contender.castNanos(plan.castMessages());
        }
        record(Metric.CAST, who, Sample.of(cast));

        context.progress(who + ": spawn " + plan.spawnCount() + " waiting processes");
        spawnRound(contender, plan.spawnWarmupCount());
        double[] spawnSeconds = new double[plan.spawnRounds()];
        double[] spawnKib = new double[plan.spawnRounds()];
        for (int i = 0; i < spawnSeconds.length; i++) {
            double[] round = spawnRound(contender, plan.spawnCount());
            spawnSeconds[i] = round[0] * 1_000_000.0 / plan.spawnCount();
            spawnKib[i] = round[1];
        }
        record(Metric.SPAWN_TIME, who, Sample.of(spawnSeconds));
        record(Metric.SPAWN_MEMORY, who, Sample.of(spawnKib));

        context.progress(who + ": supervisor restart");
        System.gc();
        try (Contender.Restarts restarts = contender.supervisedChild()) {
            restarts.crashAndCallAgain(plan.restartWarmups());
            Sample latencies = Sample.ofNanos(restarts.crashAndCallAgain(plan.restartCount())).scaled(1e-3);
            record(Metric.RESTART_MEDIAN, who, Sample.of(latencies.median()));
            record(Metric.RESTART_P99, who, Sample.of(latencies.percentile(99)));
        }

        context.progress(who + ": ring of " + plan.ringSize());
        System.gc();
        try (Contender.Ring ring = contender.ring(plan.ringSize())) {
            for (int i = 0; i < plan.ringWarmups(); i++) {
                ring.lapsNanos(plan.ringLaps());
            }
            double[] perHop = new double[plan.ringRounds()];
            long hops = (long) plan.ringLaps() * plan.ringSize();
            for (int i = 0; i < perHop.length; i++) {
                perHop[i] = (double) ring.lapsNanos(plan.ringLaps()) / hops;
            }
            record(Metric.RING, who, Sample.of(perHop));
        }
    }

    /** Seconds to spawn {@code count} waiting processes, and KiB of heap each holds while all are alive. */
    private static double[] spawnRound(Contender contender, int count) throws Exception {
        long before = Heap.usedAfterGc();
        long start = System.nanoTime();
        Contender.Population population = contender.spawnWaiting(count);
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = Heap.usedAfterGc();
        population.close();
        return new double[] {seconds, (after - before) / 1024.0 / count};
    }

    private void record(Metric metric, String contender, Sample sample) {
        results.computeIfAbsent(metric, m -> new LinkedHashMap<>()).put(contender, sample);
    }

    /** What the table shows, with the BEAM anchor and issue target where there is one. */
    enum Metric {
        CALL("call round trip, µs", true, 1.2, 0.6),
        CAST("cast throughput, M msgs/s", false, 8.0, 1.5),
        SPAWN_TIME("spawn 1M waiting processes, s", true, 2.2, 0.3),
        SPAWN_MEMORY("heap per waiting process, KiB", true, 2.6, 0.5),
        RESTART_MEDIAN("supervisor restart, median µs", true, 15.0, 1.0),
        RESTART_P99("supervisor restart, p99 µs", true, Double.NaN, Double.NaN),
        RING("10k-process ring, ns per hop", true, Double.NaN, Double.NaN);

        final String label;
        final boolean lowerIsBetter;
        final double beam;
        final double targetFactor;

        Metric(String label, boolean lowerIsBetter, double beam, double targetFactor) {
            this.label = label;
            this.lowerIsBetter = lowerIsBetter;
            this.beam = beam;
            this.targetFactor = targetFactor;
        }

        boolean hasTarget() {
            return !Double.isNaN(targetFactor);
        }

        boolean meets(double value) {
            double limit = beam * targetFactor;
            return lowerIsBetter ? value <= limit : value >= limit;
        }

        String target() {
            return String.format(Locale.ROOT, "%s %s× BEAM", lowerIsBetter ? "≤" : "≥", BigDecimal.valueOf(targetFactor).stripTrailingZeros().toPlainString());
        }
    }
}
