package otplab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseLoaderTest {
    static final Path TALLY = Path.of("src/test/resources/grader/exercises/tally");

    @Test
    void readsFrontMatterTasksAndEveryKindOfFile() throws Exception {
        Exercise e = ExerciseLoader.load(TALLY);

        assertEquals("tally", e.slug());
        assertEquals("Tally", e.title());
        assertEquals(Exercise.Difficulty.EASY, e.difficulty());
        assertEquals(10, e.points());
        assertEquals(Duration.ofSeconds(20), e.timeLimit());
        assertEquals(Duration.ofSeconds(1), e.testTimeout());
        assertEquals(2, e.hints().size());
        assertEquals(List.of(new Exercise.Task(1, "Count each word"), new Exercise.Task(2, "Count all words")), e.tasks());
        assertEquals(List.of("Tally.java"), e.starter().stream().map(f -> f.name()).toList());
        assertEquals(List.of("TallyTest.java"), e.visibleTests().stream().map(f -> f.name()).toList());
        assertEquals(List.of("TallyHiddenTest.java"), e.hiddenTests().stream().map(f -> f.name()).toList());
        assertTrue(e.instructions().startsWith("# Tally"), "the front matter is not part of the instructions");
    }

    @Test
    void listsEveryProblemOfABrokenFolderAtOnce(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken-one");
        Files.createDirectories(broken.resolve("src"));
        Files.createDirectories(broken.resolve("test"));
        Files.writeString(broken.resolve("README.md"), """
                ---
                title: Broken
                difficulty: impossible
                points: none
                ---
                ## 2. Starts at two
                """);
        Files.writeString(broken.resolve("test/BrokenTest.java"), "@Tag(\"task:7\") class BrokenTest {}");

        InvalidExerciseException e = assertThrows(InvalidExerciseException.class, () -> ExerciseLoader.load(broken));

        List<String> problems = e.problems();
        assertTrue(problems.contains("front matter misses 'lesson'"), problems.toString());
        assertTrue(problems.contains("front matter 'difficulty' is 'impossible'; use easy, medium or hard"));
        assertTrue(problems.contains("front matter 'points' is 'none'; it must be a whole number above zero"));
        assertTrue(problems.contains("front matter 'hints' must be a list of at least one non-empty hint"));
        assertTrue(problems.contains("task headings must be numbered 1, 2, 3, ... in order; found '## 2. Starts at two' in position 1"));
        assertTrue(problems.contains("the folder src/ holds no .java files"));
        assertTrue(problems.contains("the folder solution/ is missing"));
        assertTrue(problems.contains("BrokenTest.java tags a test with task:7, but the instructions have tasks 1 to 1"));
    }
}
