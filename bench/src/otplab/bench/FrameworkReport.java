package otplab.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Prints the framework suite's comparison table and the per-round figures behind it. */
final class FrameworkReport {
    static final String SUBJECT = "OTP Lab";
    static final String PEKKO = "Pekko";
    static final String BASELINE = "baseline";

    private final FrameworkBench.Plan plan;
    private final List<String> contenders;
    private final Map<FrameworkBench.Metric, Map<String, Sample>> results;
    private final Map<FrameworkBench.Metric, Map<String, Sample>> allocations;
    /** Whether and on what the BEAM side ran in this run. */
    private final String beamNote;

    FrameworkReport(FrameworkBench.Plan plan, List<String> contenders,
                    Map<FrameworkBench.Metric, Map<String, Sample>> results,
                    Map<FrameworkBench.Metric, Map<String, Sample>> allocations, String beamNote) {
        this.plan = Objects.requireNonNull(plan, "plan must not be null");
        this.contenders = List.copyOf(contenders);
        this.results = Map.copyOf(results);
        this.allocations = Map.copyOf(allocations);
        this.beamNote = Objects.requireNonNull(beamNote, "beamNote must not be null");
    }

    void print(PrintStream out) {
        out.println();
        out.println("Medians; ratios are OTP Lab ÷ the other (below 1× is faster or smaller for times and sizes,"
                + " above 1× is better for throughput).");
        out.println("BEAM: " + beamNote);
        out.println();
        Table table = new Table("metric", SUBJECT, PEKKO, BASELINE, Beam.NAME, "OTP Lab ÷ Pekko", "OTP Lab ÷ baseline",
                "OTP Lab ÷ BEAM", "target", "met");
        for (FrameworkBench.Metric metric : FrameworkBench.Metric.values()) {
            double subject = median(metric, SUBJECT);
            double beam = median(metric, Beam.NAME);
            boolean judged = metric.hasTarget() && !Double.isNaN(subject) && !Double.isNaN(beam);
            table.row(metric.label,
                    Format.number(subject),
                    Format.number(median(metric, PEKKO)),
                    Format.number(median(metric, BASELINE)),
                    Format.number(beam),
                    Format.ratio(subject / median(metric, PEKKO)),
                    Format.ratio(subject / median(metric, BASELINE)),
                    Format.ratio(subject / beam),
                    metric.hasTarget() ? metric.target() : Format.NONE,
                    !judged ? Format.NONE : metric.meets(subject, beam) ? "yes" : "NO");
        }
        table.print(out);
        out.println();
        out.printf("Rounds behind the medians (call: %d × %d ms; cast: %d × %,d messages; spawn: up to %d × %,d processes;"
                        + " restart: %d × %,d crashes, each round's median and p99; ring: %d × %,d processes × %d laps); \"allocated per op\" is heap allocated by all"
                        + " threads during the measured rounds, divided by the operations:%n",
                plan.callRounds(), plan.callRoundNanos() / 1_000_000, plan.castRounds(), plan.castMessages(),
                plan.spawnRounds(), plan.spawnCount(), plan.restartRounds(), plan.restartCount(), plan.ringRounds(), plan.ringSize(),
                plan.ringLaps());
        out.println();
        Table rounds = new Table("metric", "contender", "rounds", "median", "min", "max", "allocated per op");
        for (FrameworkBench.Metric metric : FrameworkBench.Metric.values()) {
            for (String contender : contenders) {
                Sample sample = results.getOrDefault(metric, Map.of()).get(contender);
                if (sample != null) {
                    rounds.row(metric.label, contender, Integer.toString(sample.size()), Format.number(sample.median()),
                            Format.number(sample.min()), Format.number(sample.max()), allocated(metric, contender));
                }
            }
        }
        rounds.print(out);
    }

    private String allocated(FrameworkBench.Metric metric, String contender) {
        Sample bytes = allocations.getOrDefault(metric, Map.of()).get(contender);
        return bytes == null ? "" : Format.number(bytes.median()) + " B per " + metric.operation;
    }

    private double median(FrameworkBench.Metric metric, String contender) {
        Sample sample = results.getOrDefault(metric, Map.of()).get(contender);
        return sample == null ? Double.NaN : sample.median();
    }
}
