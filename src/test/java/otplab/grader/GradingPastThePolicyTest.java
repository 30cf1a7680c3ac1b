package otplab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import otplab.course.Exercise;
import otplab.course.ExerciseLoader;
import otplab.jvm.WorkerImage;
import otplab.jvm.WorkerSettings;

/**
 * A grading's verdict holds when learner code is past the bytecode policy, because the JVM and
 * the kernel, not our policy, keep it out of reach: a grading worker runs on a linked runtime
 * without {@code jdk.unsupported}, management, attach or instrumentation, its harness in a named
 * module that exports and opens nothing, native access for the harness alone, and a non-dumpable
 * JVM. The {@code tally-prober} exercise's tests are trusted probes, each passing only when its door
 * is shut; the same probes in a worker started the old way (full JDK, class path) get through, so
 * each can fail.
 */
class GradingPastThePolicyTest {
    /** The probes of {@code tally-prober} that the confinement shuts; the socket is shut by the server either way. */
    private static final List<String> CONFINEMENT_PROBES = List.of(
            "sunMiscUnsafeIsAbsent",
            "theHarnessCannotBeOpenedByReflection",
            "theJunitLauncherCannotBeOpenedByReflection",
            "theFrameworksPageHostCannotBeOpenedByReflection",
            "nativeLibrariesCannotBeLoaded",
            "theForeignLinkerIsRefused",
            "theJvmCannotOpenItsOwnMemory",
            "aChildProcessCannotReadTheJvmsMemory");
    /** Probes whose door is shut however the worker was started: by the server, or by the guard itself. */
    private static final List<String> EITHER_WAY_PROBES = List.of("theControlSocketTakesNoSecondConnection",
            "learnerCodeCannotNameALearnerLoader");

    private static Exercise load(String slug) {
        try {
            return ExerciseLoader.load(GradingGoldenTest.ROOT.resolve("exercises").resolve(slug));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, ResultsDocument.Status> statusByMethod(ResultsDocument doc) {
        return doc.tests().stream().collect(Collectors.toMap(t -> t.name().replace("()", ""), ResultsDocument.Test::status));
    }

    private static ResultsDocument gradeStarter(String slug, WorkerSettings settings) {
        Exercise exercise = load(slug);
        return Grader.create(GradingWorkerLauncher.create(settings)).grade(exercise, exercise.starter(), Grader.Scope.ALL);
    }

    @Test
    void everyProbeFindsItsDoorShutInAConfinedGrading() {
        ResultsDocument doc = gradeStarter("tally-prober", WorkerSettings.defaults());

        Map<String, ResultsDocument.Status> probes = statusByMethod(doc);
        for (String probe : CONFINEMENT_PROBES) {
            assertEquals(ResultsDocument.Status.PASS, probes.get(probe), probe + " got through: " + ResultsJson.write(doc));
        }
        for (String probe : EITHER_WAY_PROBES) {
            assertEquals(ResultsDocument.Status.PASS, probes.get(probe), probe + " got through: " + ResultsJson.write(doc));
        }
        assertEquals(ResultsDocument.Status.FAIL, doc.status(), "the starter code still fails its real test");
    }

    @Test
    void theSameProbesGetThroughAGradingStartedTheOldWay() {
        ResultsDocument doc = gradeStarter("tally-prober", WorkerSettings.builder().classPathGrading(true).build());

        Map<String, ResultsDocument.Status> probes = statusByMethod(doc);
        for (String probe : CONFINEMENT_PROBES) {
            assertEquals(ResultsDocument.Status.FAIL, probes.get(probe), probe + " was shut without the confinement: "
                    + ResultsJson.write(doc));
        }
        for (String probe : EITHER_WAY_PROBES) {
            assertEquals(ResultsDocument.Status.PASS, probes.get(probe), probe + " is shut however the worker was started: "
                    + ResultsJson.write(doc));
        }
    }

    @Test
    void aForgerPastThePolicyFindsNoRouteToTheVerdictAndTheStarterFails() {
        ResultsDocument doc = gradeStarter("tally-forger", WorkerSettings.defaults());

        assertEquals(ResultsDocument.Status.FAIL, doc.status(), ResultsJson.write(doc));
        assertTrue(doc.tests().stream().anyMatch(t -> t.output() != null && t.output().contains("no route to the channel")),
                ResultsJson.write(doc));
    }

    @Test
    void theGradingRuntimeHoldsNoUnsafeManagementAttachInstrumentationOrJshell() throws Exception {
        WorkerImage image = WorkerImage.prepare(WorkerSettings.defaults());
        Path runtime = image.gradingRuntime().orElseThrow(() -> new AssertionError("no grading runtime was linked"));

        String modules = Files.readAllLines(runtime.resolve("release")).stream()
                .filter(line -> line.startsWith("MODULES=")).findFirst().orElseThrow();
        for (String absent : List.of("jdk.unsupported", "jdk.management", "jdk.attach", "java.instrument", "jdk.jshell",
                "jdk.jdi", "jdk.management.agent")) {
            assertFalse(List.of(modules.replace("MODULES=", "").replace("\"", "").split(" ")).contains(absent),
                    absent + " is in the grading runtime: " + modules);
        }
        assertTrue(modules.contains("jdk.compiler"), modules);
    }
}
