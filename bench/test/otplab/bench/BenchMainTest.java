package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> ran = new ArrayList<>();

    private BenchSuite suite(String name, boolean fails) {
        return new BenchSuite() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String summary() {
                return "measures " + name;
            }

            @Override
            public Map<String, String> options() {
                return name.equals("class") ? Map.of("--learners", "how many") : Map.of();
            }

            @Override
            public void run(BenchContext context) {
                ran.add(name + (context.quick() ? " quick" : "") + context.option("--learners").map(n -> " learners " + n).orElse(""));
                if (fails) {
                    throw new IllegalStateException("broken on purpose");
                }
            }
        };
    }

    private int run(List<BenchSuite> suites, String... args) {
        return BenchMain.run(args, suites, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutNamesEverySuiteRuns() {
        assertEquals(BenchMain.EXIT_OK, run(List.of(suite("framework", false), suite("runner", false))));
        assertEquals(List.of("framework", "runner"), ran);
    }

    @Test
    void namedSuitesRunAloneInTheOrderGiven() {
        run(List.of(suite("framework", false), suite("runner", false), suite("grader", false)), "--quick", "grader", "framework");
        assertEquals(List.of("grader quick", "framework quick"), ran);
    }

    @Test
    void anUnknownSuiteIsAUsageErrorThatNamesTheSuitesThereAre() {
        assertEquals(BenchMain.EXIT_USAGE, run(List.of(suite("framework", false)), "runer"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no suite named 'runer'; suites: framework."));
        assertTrue(ran.isEmpty());
    }

    @Test
    void aFailingSuiteIsReportedInWordsAndTheOthersStillRun() {
        int exit = run(List.of(suite("framework", true), suite("runner", false)));
        assertEquals(BenchMain.EXIT_SUITE_FAILED, exit);
        assertEquals(List.of("framework", "runner"), ran);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("the framework suite failed: IllegalStateException: broken on purpose"));
        assertFalse(errors.contains("\tat "), "no stack trace on the terminal");
    }

    @Test
    void aSuiteOptionTakesTheNextArgumentAsItsValueWhereverItStands() {
        assertEquals(BenchMain.EXIT_OK, run(List.of(suite("framework", false), suite("class", false)), "class", "--learners", "40"));
        assertEquals(List.of("class learners 40"), ran);
    }

    @Test
    void aSuiteOptionWithoutAValueIsAUsageErrorInWords() {
        assertEquals(BenchMain.EXIT_USAGE, run(List.of(suite("class", false)), "class", "--learners"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("option '--learners' needs a value"));
        assertTrue(ran.isEmpty());
    }
}
