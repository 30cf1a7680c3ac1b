package otplab.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import otplab.course.Cell;
import otplab.course.Course;
import otplab.course.Exercise;
import otplab.course.Lesson;
import otplab.course.LessonLoader;
import otplab.course.MarkdownRenderer;
import otplab.protocol.SourceFile;

/**
 * What simulated learners do, read from the course with the server's own parser: each lesson's
 * runnable cells in the order a page runs them (setup cells first, then the others in page order)
 * with the status the lesson declares, and for each exercise the reference solution and the starter
 * as the exercise page would submit them (the starter's files, by name).
 */
public record Curriculum(List<LessonScript> lessons, Map<String, ExerciseScript> exercises) {

    /** A lesson page: where it is, the cells a learner runs, the exercises it leads to. */
    public record LessonScript(String slug, String url, List<CellStep> cells, List<String> exercises) {
        public LessonScript {
            Objects.requireNonNull(slug, "slug must not be null");
            Objects.requireNonNull(url, "url must not be null");
            cells = List.copyOf(cells);
            exercises = List.copyOf(exercises);
        }
    }

    /** One cell to run: its id on the page, its code, the status it must end with, and its own time limit if any. */
    public record CellStep(String id, String code, String expectedStatus, boolean setup, long timeoutMs) {
        /** No limit of its own: the server's default wall time applies. */
        static final long SERVER_DEFAULT = 0;

        public CellStep {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(code, "code must not be null");
            Objects.requireNonNull(expectedStatus, "expectedStatus must not be null");
        }
    }

    /** An exercise's graded work: the files the page sends for the reference solution and for the untouched starter. */
    public record ExerciseScript(String slug, Map<String, String> solution, Map<String, String> starter) {
        public ExerciseScript {
            Objects.requireNonNull(slug, "slug must not be null");
            solution = Map.copyOf(solution);
            starter = Map.copyOf(starter);
        }
    }

    public Curriculum {
        lessons = List.copyOf(lessons);
        exercises = Map.copyOf(exercises);
        if (lessons.isEmpty()) {
            throw new IllegalArgumentException("the course has no lesson with a runnable cell, so there is nothing to simulate");
        }
    }

    /** The course in {@code lessonsDir} and {@code exercisesDir}; lessons with authoring problems or no runnable cell are left out. */
    public static Curriculum load(Path lessonsDir, Path exercisesDir) {
        return of(Course.load(lessonsDir, exercisesDir, new LessonLoader(new MarkdownRenderer())));
    }

    public static Curriculum of(Course course) {
        Map<String, ExerciseScript> exercises = new LinkedHashMap<>();
        for (Exercise exercise : course.exercises()) {
            exercises.put(exercise.slug(), script(exercise));
        }
        List<LessonScript> lessons = course.lessons().stream()
                .filter(lesson -> !lesson.broken())
                .map(lesson -> script(lesson, exercises))
                .filter(lesson -> !lesson.cells().isEmpty())
                .toList();
        return new Curriculum(lessons, exercises);
    }

    public Optional<LessonScript> lesson(String slug) {
        return lessons.stream().filter(l -> l.slug().equals(slug)).findFirst();
    }

    private static LessonScript script(Lesson lesson, Map<String, ExerciseScript> known) {
        List<CellStep> cells = Stream.concat(lesson.cells().stream().filter(Cell::setup),
                        lesson.cells().stream().filter(c -> !c.setup()))
                .filter(Cell::runnable)
                .map(c -> new CellStep(c.id(), c.code(), c.attributes().status().wireName(), c.setup(),
                        c.attributes().timeoutMs().orElse(CellStep.SERVER_DEFAULT)))
                .toList();
        List<String> exercises = lesson.exercises().stream().filter(known::containsKey).toList();
        return new LessonScript(lesson.slug(), lesson.url(), cells, exercises);
    }

    private static ExerciseScript script(Exercise exercise) {
        Map<String, String> starter = new LinkedHashMap<>();
        exercise.starter().forEach(f -> starter.put(f.name(), f.content()));
        Map<String, String> solution = new LinkedHashMap<>();
        for (SourceFile file : exercise.solution()) {
            if (starter.containsKey(file.name())) {
                solution.put(file.name(), file.content());
            }
        }
        return new ExerciseScript(exercise.slug(), solution, starter);
    }
}
