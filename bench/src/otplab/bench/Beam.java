package otplab.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The BEAM side of the framework suite, measured in the same run as the JVM contenders: compiles
 * the Erlang programs of {@code bench/erlang} with {@code erlc} into {@code target/bench/erlang},
 * runs {@code otplab_bench:main} in an {@code erl} of its own with the suite's plan, and turns the
 * raw per-round figures it prints into the same {@link Sample}s as the JVM contenders'.
 */
final class Beam {
    static final String NAME = "BEAM";
    /** A million waiting processes need more than the BEAM's default process limit (262,144). */
    private static final String PROCESS_LIMIT = "2000000";
    private static final long MAX_RUN_MINUTES = 10;

    private final Path home;

    Beam(Path home) {
        this.home = Objects.requireNonNull(home, "home must not be null");
    }

    /** The programs on PATH this side needs, or empty when one is missing. */
    static Optional<String> missingTool() {
        for (String tool : List.of("erl", "erlc")) {
            if (onPath(tool).isEmpty()) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }

    /** What the BEAM side measured: its OTP release and the figures per metric, in the units of {@link FrameworkBench.Metric}. */
    record Figures(String release, Map<FrameworkBench.Metric, Sample> samples) {}

    /** Compiles and runs the BEAM side. */
    Figures measure(FrameworkBench.Plan plan, Set<String> metrics, BenchContext context)
            throws IOException, InterruptedException {
        Path out = home.resolve("target/bench/erlang");
        Files.createDirectories(out);
        List<String> compile = new ArrayList<>(List.of("erlc", "-o", out.toString()));
        try (Stream<Path> sources = Files.list(home.resolve("bench/erlang"))) {
            sources.filter(p -> p.toString().endsWith(".erl")).sorted().forEach(p -> compile.add(p.toString()));
        }
        run(compile, context);
        List<String> command = new ArrayList<>(List.of("erl", "-noshell", "+P", PROCESS_LIMIT, "-pa", out.toString(),
                "-run", "otplab_bench", "main"));
        command.addAll(arguments(plan, metrics));
        return parse(run(command, context));
    }

    static List<String> arguments(FrameworkBench.Plan plan, Set<String> metrics) {
        List<String> wanted = Stream.of("call", "cast", "spawn", "restart", "ring").filter(metrics::contains).toList();
        return List.of("metrics=" + String.join(",", wanted),
                "call_warmups=" + plan.callWarmups(), "call_rounds=" + plan.callRounds(),
                "call_round_ms=" + plan.callRoundNanos() / 1_000_000,
                "cast_warmups=" + plan.castWarmups(), "cast_rounds=" + plan.castRounds(),
                "cast_messages=" + plan.castMessages(),
                "spawn_warmup_count=" + plan.spawnWarmupCount(), "spawn_rounds=" + plan.spawnRounds(),
                "spawn_count=" + plan.spawnCount(), "spawn_budget_ms=" + FrameworkBench.SPAWN_BUDGET_NANOS / 1_000_000,
                "restart_warmups=" + plan.restartWarmups(), "restart_rounds=" + plan.restartRounds(),
                "restart_count=" + plan.restartCount(),
                "ring_warmups=" + plan.ringWarmups(), "ring_rounds=" + plan.ringRounds(),
                "ring_size=" + plan.ringSize(), "ring_laps=" + plan.ringLaps());
    }

    /** Reads "metric value..." lines; restart rounds are raw nanoseconds, summarised like the JVM's. */
    static Figures parse(List<String> output) throws IOException {
        Map<FrameworkBench.Metric, Sample> figures = new EnumMap<>(FrameworkBench.Metric.class);
        String release = "?";
        List<Double> restartMedians = new ArrayList<>();
        List<Double> restartP99s = new ArrayList<>();
        boolean done = false;
        for (String line : output) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "call" -> figures.put(FrameworkBench.Metric.CALL, Sample.of(values(words)));
                case "cast" -> figures.put(FrameworkBench.Metric.CAST, Sample.of(values(words)));
                case "spawn_time" -> figures.put(FrameworkBench.Metric.SPAWN_TIME, Sample.of(values(words)));
                case "spawn_memory" -> figures.put(FrameworkBench.Metric.SPAWN_MEMORY, Sample.of(values(words)));
                case "ring" -> figures.put(FrameworkBench.Metric.RING, Sample.of(values(words)));
                case "restart_round" -> {
                    Sample micros = Sample.of(values(words)).scaled(1e-3);
                    restartMedians.add(micros.median());
                    restartP99s.add(micros.percentile(99));
                }
                case "release" -> release = words.length > 1 ? words[1] : "?";
                case "done" -> done = true;
                default -> throw new IOException("the BEAM side printed an unexpected line: " + line);
            }
        }
        if (!done) {
            throw new IOException("the BEAM side did not finish; its output was: " + String.join(" / ", output));
        }
        if (!restartMedians.isEmpty()) {
            figures.put(FrameworkBench.Metric.RESTART_MEDIAN, Sample.of(restartMedians.stream().mapToDouble(d -> d).toArray()));
            figures.put(FrameworkBench.Metric.RESTART_P99, Sample.of(restartP99s.stream().mapToDouble(d -> d).toArray()));
        }
        return new Figures(release, figures);
    }

    private static double[] values(String[] words) {
        return Arrays.stream(words).skip(1).mapToDouble(Beam::number).toArray();
    }

    private static double number(String word) {
        try {
            return Double.parseDouble(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the BEAM side printed " + word + " where a number belongs", e);
        }
    }

    private List<String> run(List<String> command, BenchContext context) throws IOException, InterruptedException {
        java.lang.Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("restart_round") || line.startsWith("spawn_") || line.startsWith("done")) {
                    context.progress(NAME + ": " + (line.length() > 60 ? line.substring(0, 60) + "..." : line));
                }
            }
        }
        if (!process.waitFor(MAX_RUN_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(command.getFirst() + " did not finish within " + MAX_RUN_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command.getFirst() + " failed (exit " + process.exitValue() + "): " + String.join(" / ", lines));
        }
        return lines;
    }
}
