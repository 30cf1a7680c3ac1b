package otplab.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An immutable snapshot of the course as read from disk: the lessons and the exercises, both in
 * course order. Exercises are ordered by the lesson they practise (in lesson order, then their
 * place in that lesson's list), then by slug; a broken exercise is kept aside with its problem.
 */
public final class Course {
    public static final String LESSON_SUFFIX = ".md";
    private static final Comparator<Lesson> COURSE_ORDER = Comparator
            .comparing(Lesson::part)
            .thenComparingInt(Lesson::order)
            .thenComparing(Lesson::file);

    /** The lessons of one part, in order. */
    public record PartGroup(Part part, List<Lesson> lessons) {
        public PartGroup {
            lessons = List.copyOf(lessons);
        }
    }

    private final Path lessonsDir;
    private final Path exercisesDir;
    private final List<Lesson> lessons;
    private final Map<String, Lesson> bySlug;
    private final Map<String, Integer> positions;
    private final List<Exercise> exercises;
    private final List<InvalidExerciseException> invalidExercises;

    private Course(Path lessonsDir, Path exercisesDir, List<Lesson> lessons, ExerciseCatalog catalog) {
        this.lessonsDir = lessonsDir;
        this.exercisesDir = exercisesDir;
        this.lessons = List.copyOf(lessons);
        this.invalidExercises = catalog.invalid();
        List<Exercise> ordered = new ArrayList<>(catalog.exercises());
        ordered.sort(Comparator.comparingInt((Exercise e) -> lessonPosition(this.lessons, e))
                .thenComparingInt(e -> placeInLesson(this.lessons, e))
                .thenComparing(Exercise::slug));
        this.exercises = List.copyOf(ordered);
        Map<String, Lesson> slugs = new LinkedHashMap<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < this.lessons.size(); i++) {
            slugs.putIfAbsent(this.lessons.get(i).slug(), this.lessons.get(i));
            index.putIfAbsent(this.lessons.get(i).slug(), i);
        }
        this.bySlug = Map.copyOf(slugs);
        this.positions = Map.copyOf(index);
    }

    /** Reads every {@code *.md} lesson in {@code lessonsDir}; a missing folder gives an empty course. */
    public static Course load(Path lessonsDir, Path exercisesDir, LessonLoader loader) {
        Objects.requireNonNull(lessonsDir, "lessonsDir must not be null");
        Objects.requireNonNull(exercisesDir, "exercisesDir must not be null");
        Objects.requireNonNull(loader, "loader must not be null");
        List<Path> files;
        try (Stream<Path> listing = Files.list(lessonsDir)) {
            files = listing.filter(Course::isLessonFile).sorted().toList();
        } catch (IOException missing) {
            files = List.of();
        }
        String folderName = lessonsDir.getFileName() == null ? "lessons" : lessonsDir.getFileName().toString();
        List<Lesson> loaded = new ArrayList<>();
        Map<String, String> slugOwners = new LinkedHashMap<>();
        for (Path file : files) {
            String display = folderName + "/" + file.getFileName();
            Lesson lesson = loader.load(file, display);
            String owner = slugOwners.putIfAbsent(lesson.slug(), display);
            if (owner != null) {
                List<AuthoringProblem> problems = new ArrayList<>(lesson.problems());
                problems.add(new AuthoringProblem(display, 1, "another lesson, " + owner
                        + ", already uses the slug `" + lesson.slug() + "`; rename one of the files"));
                lesson = new Lesson(lesson.slug(), lesson.file(), lesson.order(), lesson.title(), lesson.part(),
                        lesson.summary(), lesson.minutes(), lesson.exercises(), lesson.html(), lesson.toc(),
                        lesson.cells(), problems);
            }
            loaded.add(lesson);
        }
        loaded.sort(COURSE_ORDER);
        ExerciseCatalog catalog;
        try {
            catalog = ExerciseCatalog.scan(exercisesDir);
        } catch (IOException unreadable) {
            catalog = new ExerciseCatalog(exercisesDir, List.of(), List.of(new InvalidExerciseException(
                    exercisesDir.toString(), List.of("the folder cannot be read: " + unreadable.getMessage()))));
        }
        return new Course(lessonsDir, exercisesDir, loaded, catalog);
    }

    private static int lessonPosition(List<Lesson> lessons, Exercise exercise) {
        for (int i = 0; i < lessons.size(); i++) {
            Lesson lesson = lessons.get(i);
            if (lesson.slug().equals(exercise.lesson()) || lesson.exercises().contains(exercise.slug())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int placeInLesson(List<Lesson> lessons, Exercise exercise) {
        return lessons.stream().filter(l -> l.exercises().contains(exercise.slug()))
                .map(l -> l.exercises().indexOf(exercise.slug())).findFirst().orElse(Integer.MAX_VALUE);
    }

    /** The exercises that loaded, in course order. */
    public List<Exercise> exercises() {
        return exercises;
    }

    public Optional<Exercise> exercise(String slug) {
        return exercises.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }

    /** The exercise folders that could not be read, each with what is wrong ({@code ./otplab check} says it too). */
    public List<InvalidExerciseException> invalidExercises() {
        return invalidExercises;
    }

    static boolean isLessonFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(LESSON_SUFFIX) && !name.startsWith(".") && Files.isRegularFile(path);
    }

    public Path lessonsDir() {
        return lessonsDir;
    }

    public Path exercisesDir() {
        return exercisesDir;
    }

    /** Every lesson in course order (part, then order within the part). */
    public List<Lesson> lessons() {
        return lessons;
    }

    public Optional<Lesson> lesson(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public Optional<Lesson> previous(Lesson lesson) {
        Integer at = positions.get(lesson.slug());
        return at == null || at == 0 ? Optional.empty() : Optional.of(lessons.get(at - 1));
    }

    public Optional<Lesson> next(Lesson lesson) {
        Integer at = positions.get(lesson.slug());
        return at == null || at + 1 >= lessons.size() ? Optional.empty() : Optional.of(lessons.get(at + 1));
    }

    /** The parts that have lessons, in part order. */
    public List<PartGroup> parts() {
        Map<Part, List<Lesson>> groups = new EnumMap<>(Part.class);
        for (Lesson lesson : lessons) {
            groups.computeIfAbsent(lesson.part(), p -> new ArrayList<>()).add(lesson);
        }
        return groups.entrySet().stream().map(e -> new PartGroup(e.getKey(), e.getValue())).toList();
    }

    /** Every author mistake in the course, lesson by lesson. */
    public List<AuthoringProblem> problems() {
        return lessons.stream().flatMap(l -> l.problems().stream()).toList();
    }
}
