package otplab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import otplab.course.Exercise;
import otplab.course.ExerciseLoader;
import otplab.protocol.SourceFile;

/**
 * Learner code runs while the hidden tests run; it must still not get at their code or at the
 * reference solution: not through the file system, not through class loader resources, not by
 * naming the test class.
 */
class HiddenTestsAttackTest {
    private static final Grader GRADER = Grader.create(GradingWorkerLauncher.withDefaults());

    @Test
    void learnerCodeCannotReadHiddenTestsOrTheReferenceSolution() throws Exception {
        Path exerciseDir = GradingGoldenTest.ROOT.resolve("exercises/tally").toAbsolutePath();
        Exercise exercise = ExerciseLoader.load(exerciseDir);
        String spy = """
                import java.nio.file.Files;
                import java.nio.file.Path;

                public class Tally {
                    public Tally() {
                        attempt("hidden file", "%s");
                        attempt("solution file", "%s");
                        System.out.println("resource: " + Tally.class.getClassLoader().getResource("TallyHiddenTest.class"));
                        try {
                            Class.forName("TallyHiddenTest", false, Tally.class.getClassLoader());
                            System.out.println("class: visible");
                        } catch (ClassNotFoundException e) {
                            System.out.println("class: not found");
                        }
                    }

                    private static void attempt(String what, String path) {
                        try {
                            System.out.println(what + ": READ " + Files.readString(Path.of(path)));
                        } catch (Exception e) {
                            System.out.println(what + ": blocked");
                        }
                    }

                    public void add(String word) {
                    }

                    public int count(String word) {
                        return 0;
                    }

                    public int total() {
                        return 0;
                    }
                }
                """.formatted(exerciseDir.resolve("hidden-test/TallyHiddenTest.java"),
                exerciseDir.resolve("solution/Tally.java"));

        ResultsDocument doc = GRADER.grade(exercise, List.of(new SourceFile("Tally.java", spy)), Grader.Scope.ALL);

        ResultsDocument.Test hidden = doc.tests().stream().filter(t -> t.name().equals("words are case sensitive"))
                .findFirst().orElseThrow();
        assertEquals("hidden file: blocked\nsolution file: blocked\nresource: null\nclass: not found\n", hidden.output());
        assertTrue(hidden.hidden());
        assertEquals(null, hidden.testCode(), "a hidden test's code never reaches a results document");
        assertFalse(ResultsJson.write(doc).contains("tally.add(\\\"Otp\\\")"), "hidden test code leaked");
        assertFalse(ResultsJson.write(doc).contains("Integer::sum"), "reference solution leaked");
    }

    @Test
    void learnerCodeThatWalksTheStackToTheHiddenTestCannotReadItsFieldsBytesOrRunIt() throws Exception {
        Exercise exercise = ExerciseLoader.load(GradingGoldenTest.ROOT.resolve("exercises/tally").toAbsolutePath());
        String spy = """
                import java.util.Optional;

                public class Tally {
                    public Tally() {
                        Optional<Class<?>> test = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                                .walk(frames -> frames.<Class<?>>map(f -> f.getDeclaringClass())
                                        .filter(c -> c.getName().endsWith("HiddenTest")).findFirst());
                        if (test.isEmpty()) {
                            return;
                        }
                        Class<?> hidden = test.get();
                        attempt("private field", () -> {
                            var field = hidden.getDeclaredField("secretState");
                            field.setAccessible(true);
                            return field.get(null);
                        });
                        attempt("constant", () -> hidden.getDeclaredField("SECRET_WORD").get(null));
                        attempt("bytes", () -> hidden.getResourceAsStream(hidden.getName() + ".class"));
                        attempt("bytes through its loader",
                                () -> hidden.getClassLoader().getResourceAsStream(hidden.getName() + ".class"));
                        attempt("instance", () -> hidden.getDeclaredConstructor().newInstance());
                        attempt("test method", () -> hidden.getDeclaredMethod("freshTotalIsZero").invoke(null));
                    }

                    private static void attempt(String what, java.util.concurrent.Callable<Object> action) {
                        try {
                            System.out.println(what + ": " + action.call());
                        } catch (SecurityException refused) {
                            System.out.println(what + ": refused");
                        } catch (Exception other) {
                            System.out.println(what + ": " + other.getClass().getSimpleName());
                        }
                    }

                    public void add(String word) {
                    }

                    public int count(String word) {
                        return 0;
                    }

                    public int total() {
                        return 0;
                    }
                }
                """;

        ResultsDocument doc = GRADER.grade(exercise, List.of(new SourceFile("Tally.java", spy)), Grader.Scope.ALL);

        ResultsDocument.Test hidden = doc.tests().stream().filter(t -> t.name().equals("words are case sensitive"))
                .findFirst().orElseThrow(() -> new AssertionError(ResultsJson.write(doc)));
        assertEquals("""
                private field: refused
                constant: refused
                bytes: null
                bytes through its loader: null
                instance: refused
                test method: refused
                """, hidden.output());
        String json = ResultsJson.write(doc);
        assertFalse(json.contains("hidden-constant-otp"), "a hidden test's constant leaked: " + json);
        assertFalse(json.contains("hidden-field-otp"), "a hidden test's private field leaked: " + json);
    }
}
