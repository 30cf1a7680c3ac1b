package otplab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code ./otplab bench [--quick] [--list] [suite...]}: runs all suites, or the named ones. */
public final class BenchMain {
    static final int EXIT_OK = 0;
    static final int EXIT_SUITE_FAILED = 1;
    static final int EXIT_USAGE = 3;

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args, Suites.discover(), System.out, System.err));
    }

    static int run(String[] args, List<BenchSuite> available, PrintStream out, PrintStream err) {
        boolean quick = false;
        Set<String> wanted = new LinkedHashSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> valued = available.stream().flatMap(s -> s.options().keySet().stream()).collect(Collectors.toSet());
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (valued.contains(arg)) {
                if (i + 1 == args.length) {
                    err.println("otplab bench: option '" + arg + "' needs a value, e.g. " + arg + " 20.");
                    return EXIT_USAGE;
                }
                options.put(arg, args[++i]);
                continue;
            }
            switch (arg) {
                case "--quick" -> quick = true;
                case "--list" -> {
                    available.forEach(s -> out.printf("%-10s %s%n", s.name(), s.summary()));
                    return EXIT_OK;
                }
                case "-h", "--help" -> {
                    usage(available, out);
                    return EXIT_OK;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        err.println("otplab bench: unknown option '" + arg + "'.");
                        usage(available, err);
                        return EXIT_USAGE;
                    }
                    wanted.add(arg);
                }
            }
        }
        List<BenchSuite> chosen = choose(available, wanted, err);
        if (chosen == null) {
            return EXIT_USAGE;
        }
        if (chosen.isEmpty()) {
            err.println("otplab bench: no benchmark suites were found on the classpath.");
            return EXIT_SUITE_FAILED;
        }
        printMachine(out, quick);
        out.println("- load average at start: " + loadAverage());
        List<String> failed = new ArrayList<>();
        for (BenchSuite suite : chosen) {
            out.println();
            out.println("## " + suite.name() + ": " + suite.summary());
            out.println();
            long start = System.nanoTime();
            try {
                suite.run(new BenchContext(out, quick, options));
                out.printf(Locale.ROOT, "%n(%s suite took %.1f s)%n", suite.name(), (System.nanoTime() - start) / 1e9);
            } catch (Exception | Error e) {
                failed.add(suite.name());
                err.println("otplab bench: the " + suite.name() + " suite failed: " + describe(e));
            }
            out.flush();
        }
        out.println();
        out.println("Load average at end: " + loadAverage() + " (other work on the machine slows every contender alike,"
                + " but widens the spread)");
        if (!failed.isEmpty()) {
            err.println("otplab bench: failed suites: " + String.join(", ", failed));
            return EXIT_SUITE_FAILED;
        }
        return EXIT_OK;
    }

    private static List<BenchSuite> choose(List<BenchSuite> available, Set<String> wanted, PrintStream err) {
        if (wanted.isEmpty()) {
            return available;
        }
        List<BenchSuite> chosen = new ArrayList<>();
        for (String name : wanted) {
            BenchSuite match = available.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (match == null) {
                err.println("otplab bench: no suite named '" + name + "'; suites: "
                        + available.stream().map(BenchSuite::name).collect(Collectors.joining(", ")) + ".");
                return null;
            }
            chosen.add(match);
        }
        return chosen;
    }

    private static void usage(List<BenchSuite> available, PrintStream out) {
        out.println("Usage: ./otplab bench [--quick] [--list] [suite options] [suite...]");
        out.println("Runs every suite, or only the named ones, and prints tables of medians and ratios.");
        out.println("  --quick   few short rounds: proves the suites run; figures are not for quoting");
        out.println("  --list    list the suites");
        out.println("Suites:");
        available.forEach(s -> out.printf("  %-10s %s%n", s.name(), s.summary()));
        available.forEach(s -> s.options().forEach((name, help) -> out.printf("  %-16s (%s) %s%n", name + " V", s.name(), help)));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void printMachine(PrintStream out, boolean quick) {
        Runtime runtime = Runtime.getRuntime();
        out.println("# OTP Lab benchmarks" + (quick ? " (quick smoke run: figures are not for quoting)" : ""));
        out.println();
        out.println("- machine: " + cpuModel() + ", " + runtime.availableProcessors() + " cores available, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        out.println("- java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.println("- jvm flags: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.printf(Locale.ROOT, "- max heap: %.1f GiB; gc: %s%n", runtime.maxMemory() / (double) (1L << 30),
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        out.flush();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown cpu");
        } catch (IOException | RuntimeException e) {
            return "unknown cpu";
        }
    }
}
