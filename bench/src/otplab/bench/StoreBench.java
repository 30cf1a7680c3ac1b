package otplab.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import otplab.store.StoreSettings;
import otplab.store.Submission;
import otplab.store.SubmissionStore;

/**
 * The store under a class: learners' calls (their progress, their lesson runs, a cell run
 * recorded) from {@value #LEARNERS} virtual threads at once while the instructor's view reads every
 * submission again and again, with one connection (pool size 1: what the store had before its
 * pool, every call behind one lock) against the default pool, in alternating rounds, on an H2 file
 * and, when {@value #ENV_POSTGRES} names a server the suite may create a database on, on
 * PostgreSQL. Reports the learners' call latency (p50, p95) and calls per second. Suite {@code store}.
 */
public final class StoreBench implements BenchSuite {
    /** A JDBC URL of a PostgreSQL server where the suite may create and drop the database {@value #DATABASE}. */
    static final String ENV_POSTGRES = "OTPLAB_BENCH_POSTGRES_URL";
    static final String DATABASE = "otplab_bench_store";
    static final int LEARNERS = 40;
    static final int SUBMISSIONS_PER_LEARNER = 25;
    static final int ONE_CONNECTION = 1;

    @Override
    public String name() {
        return "store";
    }

    @Override
    public String summary() {
        return "store calls of " + LEARNERS + " learners beside an instructor's export: one connection against the pool";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int rounds = context.quick() ? 1 : 5;
        long roundMillis = context.quick() ? 1_000 : 5_000;
        Path dir = Files.createTempDirectory("otplab-bench-store");
        try {
            measure(context, "H2 file", StoreSettings.builder().dataDir(dir).build().url(), rounds, roundMillis);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String server = System.getenv(ENV_POSTGRES);
        if (server == null || server.isBlank()) {
            context.out().println("PostgreSQL: not measured; set " + ENV_POSTGRES + " to a server's JDBC URL where the suite"
                    + " may create the database " + DATABASE + ".");
            return;
        }
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
        try {
            measure(context, "PostgreSQL", withDatabase(server, DATABASE), rounds, roundMillis);
        } finally {
            try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
        }
    }

    /** Figures of one round: every learner call's latency and how many were made. */
    record Round(double[] latenciesMs, double callsPerSecond, int exports) {}

    private void measure(BenchContext context, String database, String url, int rounds, long roundMillis) throws Exception {
        try (SubmissionStore seed = SubmissionStore.open(url)) {
            for (int learner = 0; learner < LEARNERS; learner++) {
                for (int i = 0; i < SUBMISSIONS_PER_LEARNER; i++) {
                    seed.record(submission("learner-" + learner, "exercise-" + (i % 5), i % 3 == 0 ? "pass" : "fail"));
                }
            }
        }
        int pool = StoreSettings.DEFAULT_POOL_SIZE;
        List<Round> single = new ArrayList<>();
        List<Round> pooled = new ArrayList<>();
        round(url, ONE_CONNECTION, roundMillis / 2);
        round(url, pool, roundMillis / 2);
        for (int r = 0; r < rounds; r++) {
            // Alternating which goes first, so neither always meets the warmer database.
            if (r % 2 == 0) {
                single.add(round(url, ONE_CONNECTION, roundMillis));
                pooled.add(round(url, pool, roundMillis));
            } else {
                pooled.add(round(url, pool, roundMillis));
                single.add(round(url, ONE_CONNECTION, roundMillis));
            }
            context.progress(database + " round " + (r + 1) + "/" + rounds + ": one connection p95 "
                    + ms(Sample.of(single.getLast().latenciesMs()).percentile(95)) + ", pool of " + pool + " p95 "
                    + ms(Sample.of(pooled.getLast().latenciesMs()).percentile(95)));
        }
        context.out().println();
        context.out().println("Store on " + database + ": " + LEARNERS + " learners' calls (progress, lesson runs, a cell run"
                + " recorded) beside one instructor export loop; medians over " + rounds + " rounds of " + roundMillis / 1000.0
                + " s");
        Table table = new Table("connections", "call p50", "call p95", "calls/s", "exports/round", "p95 vs one connection");
        double singleP95 = medianOf(single, 95);
        table.row("1 (one connection, as before the pool)", ms(medianOf(single, 50)), ms(singleP95),
                String.format(Locale.ROOT, "%.0f", Sample.of(single.stream().mapToDouble(Round::callsPerSecond).toArray()).median()),
                String.format(Locale.ROOT, "%.0f", Sample.of(single.stream().mapToDouble(Round::exports).toArray()).median()), "1.00");
        double pooledP95 = medianOf(pooled, 95);
        table.row(pool + " (pool, default)", ms(medianOf(pooled, 50)), ms(pooledP95),
                String.format(Locale.ROOT, "%.0f", Sample.of(pooled.stream().mapToDouble(Round::callsPerSecond).toArray()).median()),
                String.format(Locale.ROOT, "%.0f", Sample.of(pooled.stream().mapToDouble(Round::exports).toArray()).median()),
                String.format(Locale.ROOT, "%.3f", pooledP95 / singleP95));
        table.print(context.out());
    }

    private static double medianOf(List<Round> rounds, double percentile) {
        return Sample.of(rounds.stream().mapToDouble(r -> Sample.of(r.latenciesMs()).percentile(percentile)).toArray()).median();
    }

    private static Round round(String url, int poolSize, long millis) throws Exception {
        try (SubmissionStore store = SubmissionStore.open(StoreSettings.builder().url(url).poolSize(poolSize).build())) {
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(LEARNERS + 1);
            int[] exports = new int[1];
            Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    store.allSubmissions();
                    store.statsByExercise();
                    exports[0]++;
                }
                done.countDown();
            });
            for (int learner = 0; learner < LEARNERS; learner++) {
                String key = "learner-" + learner;
                Thread.ofVirtual().start(() -> {
                    int cell = 0;
                    while (running.get()) {
                        long start = System.nanoTime();
                        store.progress(key);
                        store.lessonRuns(key);
                        store.recordCellRun(key, "genserver", "cell-" + (cell++ % 8), Instant.now());
                        latencies.add((System.nanoTime() - start) / 1e6);
                    }
                    done.countDown();
                });
            }
            Thread.sleep(millis);
            running.set(false);
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the store's callers did not finish within 60 s of the round's end");
            }
            double[] values = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            return new Round(values, values.length * 1000.0 / millis, exports[0]);
        }
    }

    private static Submission submission(String learner, String exercise, String status) {
        return new Submission(0, learner, exercise, Submission.Kind.SUBMIT, status, 0.5, 3, 6,
                Map.of("Solution.java", "class Solution { /* " + "x".repeat(800) + " */ }"), "{\"version\":3,\"status\":\"" + status + "\"}",
                Instant.now());
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.0f ms", value);
    }

    /** The same server URL naming another database: jdbc:postgresql://host:port/NAME?params. */
    static String withDatabase(String url, String name) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + name
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
