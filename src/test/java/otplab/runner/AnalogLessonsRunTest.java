package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import otplab.course.Cell;
import otplab.course.CellAttributes;
import otplab.course.Lesson;
import otplab.course.LessonLoader;
import otplab.course.MarkdownRenderer;
import otplab.jvm.OutputListener;

/**
 * The course's Phoenix, LiveView, Ecto and configuration lessons (10 to 18) run as a learner
 * runs them: in one session worker per lesson, setup cells first, every cell ending as its
 * fence says. Their router and live cells are the ones the page panels talk to.
 */
class AnalogLessonsRunTest {
    private static Runner runner;

    @BeforeAll
    static void startRunner() {
        runner = Runner.create(s -> s.poolSize(1).maxWorkers(2)).start();
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
    }

    static Stream<String> lessons() {
        return Stream.of("10-routing", "11-controllers", "12-liveview", "13-why-ecto", "14-schemas-changesets",
                "15-repo-and-queries", "16-migrations", "17-releases", "18-runtime-configuration");
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyCellOfTheLessonEndsAsItsFenceSays(String name) throws Exception {
        Lesson lesson = new LessonLoader(new MarkdownRenderer()).load(Path.of("lessons", name + ".md"), name + ".md");
        assertEquals(List.of(), lesson.problems(), "authoring problems in " + name);
        String session = "lesson-" + name;
        List<Cell> ordered = new ArrayList<>(lesson.setupCells());
        lesson.cells().stream().filter(c -> c.runnable() && !c.setup()).forEach(ordered::add);
        try {
            for (Cell cell : ordered) {
                RunResult result = runner.runInSession(session, cell.code(), OutputListener.NONE);
                CellAttributes expected = cell.attributes();
                String where = name + " " + cell.id() + ": " + result.error() + result.stderr();
                assertEquals(expected.status(), result.status(), where);
                expected.expect().ifPresent(text -> assertEquals(text.strip(), result.stdout().strip(), where));
                expected.expectContains().ifPresent(text -> assertTrue(result.stdout().contains(text), where));
            }
        } finally {
            runner.reset(session);
        }
    }
}
