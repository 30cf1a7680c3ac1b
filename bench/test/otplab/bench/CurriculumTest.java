package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import otplab.bench.Curriculum.CellStep;
import otplab.bench.Curriculum.ExerciseScript;
import otplab.bench.Curriculum.LessonScript;
import org.junit.jupiter.api.Test;

/** The learners' script is the real course, read with the server's own parser. */
class CurriculumTest {
    private final Curriculum course = Curriculum.load(Path.of("lessons"), Path.of("exercises"));

    @Test
    void theGenServerLessonRunsItsSetupCellsFirstThenTheOthersInPageOrderWithTheirDeclaredStatus() {
        LessonScript genserver = course.lesson("genserver").orElseThrow();
        assertEquals("/lessons/genserver", genserver.url());
        List<CellStep> cells = genserver.cells();
        assertTrue(cells.get(0).setup() && cells.get(1).setup(), "the hidden setup and the visible setup cell come first");
        assertEquals("counter", cells.get(1).id());
        assertTrue(cells.stream().skip(2).noneMatch(CellStep::setup));
        assertEquals("runtime_error", cells.stream().filter(c -> c.id().equals("unknown-call")).findFirst().orElseThrow().expectedStatus());
        assertEquals(List.of("counter", "kv-store"), genserver.exercises());
    }

    @Test
    void noRunFragmentsAreNotRunAndACellMayAskForItsOwnTimeLimit() {
        int javaFences = 6;
        assertEquals(javaFences - 1, course.lesson("genserver").orElseThrow().cells().size(), "one fragment is no-run");
        assertTrue(course.lesson("cheatsheet").isEmpty(), "a lesson with nothing to run is not visited");
        assertEquals(20_000, course.lesson("recap").orElseThrow().cells().getFirst().timeoutMs());
    }

    @Test
    void anExerciseIsSubmittedAsThePageSendsItTheStarterFilesByNameFromTheReferenceOrTheStarter() {
        ExerciseScript counter = course.exercises().get("counter");
        assertEquals(counter.starter().keySet(), counter.solution().keySet());
        assertFalse(counter.solution().equals(counter.starter()), "the reference differs from the starter");
    }
}
