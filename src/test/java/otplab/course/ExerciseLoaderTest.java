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

    @Test
    void aSolutionTakesTheStarterFilesItDoesNotHold(@TempDir Path dir) throws Exception {
        Path pair = twoFileExercise(dir);

        Exercise e = ExerciseLoader.load(pair);

        assertEquals(List.of("Counter.java", "Label.java"), e.solution().stream().map(f -> f.name()).toList());
        assertEquals("class Counter { int next() { return 1; } }", e.solution().getFirst().content());
        assertEquals("record Label(String text) {}", e.solution().get(1).content(), "Label.java comes from src/");
    }

    @Test
    void aWrongSolutionIsTheReferenceWithItsOwnFilesAndCarriesItsNote(@TempDir Path dir) throws Exception {
        Path pair = twoFileExercise(dir);
        Files.createDirectories(pair.resolve("wrong/starts-at-zero"));
        Files.writeString(pair.resolve("wrong/starts-at-zero/WRONG.md"), "The first number is 1, not 0.\n");
        Files.writeString(pair.resolve("wrong/starts-at-zero/Counter.java"), "class Counter { int next() { return 0; } }");

        Exercise e = ExerciseLoader.load(pair);

        WrongSolution wrong = e.wrongSolutions().getFirst();
        assertEquals("starts-at-zero", wrong.name());
        assertEquals("The first number is 1, not 0.", wrong.note());
        assertEquals(List.of("class Counter { int next() { return 0; } }", "record Label(String text) {}"),
                wrong.files().stream().map(f -> f.content()).toList());
    }

    @Test
    void namesEachOverlayFileThatIsACopyOrReplacesNothingAndEachWrongSolutionWithoutANote(@TempDir Path dir)
            throws Exception {
        Path pair = twoFileExercise(dir);
        Files.writeString(pair.resolve("solution/Label.java"), "record Label(String text) {}");
        Files.writeString(pair.resolve("solution/Extra.java"), "class Extra {}");
        Files.createDirectories(pair.resolve("wrong/no-note"));
        Files.writeString(pair.resolve("wrong/no-note/Counter.java"), "class Counter { int next() { return 1; } }");

        InvalidExerciseException e = assertThrows(InvalidExerciseException.class, () -> ExerciseLoader.load(pair));

        List<String> problems = e.problems();
        assertTrue(e.getMessage().startsWith("exercise 'pair' ("), e.getMessage());
        assertTrue(problems.contains("solution/Label.java is the same as Label.java of src/; delete it"
                + " (a file missing from solution/ is taken from src/)"), problems.toString());
        assertTrue(problems.contains("solution/Extra.java replaces no file of src/ (learners can only send the files"
                + " of src/: Counter.java, Label.java)"), problems.toString());
        assertTrue(problems.contains("wrong/no-note/WRONG.md is missing; write one line naming the requirement this"
                + " solution breaks"), problems.toString());
        assertTrue(problems.contains("wrong/no-note/Counter.java is the same as Counter.java of the reference solution;"
                + " delete it (a file missing from wrong/no-note/ is taken from the reference solution)"),
                problems.toString());
    }

    /** An exercise whose starter has two files and whose solution changes one of them. */
    private static Path twoFileExercise(Path dir) throws IOException {
        Path pair = dir.resolve("pair");
        for (String folder : List.of("src", "solution", "test")) {
            Files.createDirectories(pair.resolve(folder));
        }
        Files.writeString(pair.resolve("README.md"), """
                ---
                title: Pair
                lesson: genserver
                difficulty: easy
                hints:
                  - Count from one.
                ---
                # Pair

                ## 1. Count
                """);
        Files.writeString(pair.resolve("src/Counter.java"), "class Counter { int next() { throw new IllegalStateException(); } }");
        Files.writeString(pair.resolve("src/Label.java"), "record Label(String text) {}");
        Files.writeString(pair.resolve("solution/Counter.java"), "class Counter { int next() { return 1; } }");
        Files.writeString(pair.resolve("test/CounterTest.java"), "class CounterTest {}");
        return pair;
    }
}
