package otp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import otp.Log;

/**
 * Runs every Java scenario and compares its trace with the one recorded on the BEAM by
 * conformance/record (src/test/resources/conformance/*.trace). A scenario listed in
 * pending-fixes.txt is skipped with the reason given there.
 *
 * <p>To chase an intermittent difference, {@code -Dconformance.only=a,b} runs only those scenarios
 * and {@code -Dconformance.repeat=40} runs each that many times, failing with the number of runs
 * whose trace differed and the first difference.
 */
class ConformanceTest {
    private static final Map<String, Runnable> SCENARIOS = scenarios();
    private static final int REPEAT = Integer.getInteger("conformance.repeat", 1);
    private static final List<String> ONLY = System.getProperty("conformance.only", "").isBlank() ? List.of()
            : List.of(System.getProperty("conformance.only").split(","));

    @BeforeAll static void quietCrashReports() {
        Log.setHandler(line -> { });
    }

    @AfterAll static void restoreCrashReports() {
        Log.reset();
    }

    static Stream<String> chosen() throws IOException, URISyntaxException {
        return recorded().filter(name -> ONLY.isEmpty() || ONLY.contains(name));
    }

    static Stream<String> recorded() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".trace"))
                    .map(n -> n.substring(0, n.length() - ".trace".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chosen")
    void javaTraceMatchesTheBeam(String scenario) throws Exception {
        String pending = pending().get(scenario);
        assumeTrue(pending == null, () -> "pending: " + pending);
        Runnable java = SCENARIOS.get(scenario);
        assertNotNull(java, "no Java twin for the recorded scenario " + scenario);
        String expected = String.join("\n", Files.readAllLines(folder().resolve(scenario + ".trace")));
        String firstDifferent = null;
        int different = 0;
        for (int run = 0; run < REPEAT; run++) {
            String actual = String.join("\n", ScenarioRunner.run(java));
            if (!actual.equals(expected)) {
                different++;
                firstDifferent = firstDifferent == null ? actual : firstDifferent;
            }
        }
        if (different > 0) {
            assertEquals(expected, firstDifferent, "the Java trace differs from the BEAM's in " + different + " of " + REPEAT
                    + " runs (expected = BEAM, actual = Java's first differing run)");
        }
    }

    @Test void everyJavaScenarioHasARecordedTrace() throws Exception {
        List<String> recorded = recorded().toList();
        for (String name : SCENARIOS.keySet()) {
            assertTrue(recorded.contains(name), "Java scenario " + name + " has no recorded trace; run conformance/record");
        }
    }

    @Test void everyPendingLineNamesARecordedScenarioAndGivesAReason() throws Exception {
        List<String> recorded = recorded().toList();
        pending().forEach((name, reason) -> {
            assertTrue(recorded.contains(name), "pending-fixes.txt names " + name + ", which has no recorded trace");
            assertTrue(!reason.isBlank(), "pending-fixes.txt gives no reason for " + name);
        });
    }

    private static Map<String, Runnable> scenarios() {
        Map<String, Runnable> all = new HashMap<>();
        Stream.of(GenServerScenarios.all(), ProcessScenarios.all(), SupervisorScenarios.all(), LibraryScenarios.all())
                .forEach(group -> group.forEach((name, scenario) -> {
                    if (all.put(name, scenario) != null) {
                        throw new IllegalStateException("two Java scenarios are named " + name);
                    }
                }));
        return Map.copyOf(all);
    }

    /** One line per scenario: its name, white space, the reason; # starts a comment. */
    private static Map<String, String> pending() throws IOException, URISyntaxException {
        Map<String, String> pending = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder().resolve("pending-fixes.txt"))) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            pending.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return pending;
    }

    private static Path folder() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ConformanceTest.class.getResource("/conformance"),
                "src/test/resources/conformance is missing").toURI());
    }
}
