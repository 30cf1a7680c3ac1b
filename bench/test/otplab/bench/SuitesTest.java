package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuitesTest {

    @Test
    void aSuiteClassInThePackageIsFoundWithoutARegistryEntry() {
        assertTrue(Suites.discover().stream().anyMatch(suite -> suite instanceof FrameworkBench));
    }

    @Test
    void theFrameworkSuiteRunsFirstAndNamesAreUnique() {
        List<String> names = Suites.discover().stream().map(BenchSuite::name).toList();
        assertEquals("framework", names.getFirst());
        assertEquals(names.size(), names.stream().distinct().count());
    }

    @Test
    void theRunnerAndGraderSuitesFollowTheFrameworkInThatOrder() {
        List<String> names = Suites.discover().stream().map(BenchSuite::name).toList();
        assertEquals(List.of("framework", "runner", "grader"), names.subList(0, 3));
    }
}
