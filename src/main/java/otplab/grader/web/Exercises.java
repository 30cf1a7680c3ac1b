package otplab.grader.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.course.Course;
import otplab.course.Lesson;
import otplab.grader.exercise.Exercise;
import otplab.grader.exercise.ExerciseCatalog;
import otplab.grader.exercise.InvalidExerciseException;

/**
 * The exercises the server offers, in course order: by the lesson they practise (in the
 * course's lesson order, then their place in that lesson's list), then by slug. Read again
 * whenever the course is read again.
 */
final class Exercises {
    private static final Logger LOG = LoggerFactory.getLogger(Exercises.class);

    private volatile List<Exercise> ordered = List.of();

    void reload(Path dir, Course course) {
        ExerciseCatalog catalog;
        try {
            catalog = ExerciseCatalog.scan(dir);
        } catch (IOException e) {
            LOG.warn("cannot read the exercises folder {}: {}", dir, e.getMessage());
            return;
        }
        for (InvalidExerciseException invalid : catalog.invalid()) {
            LOG.warn("{} (run ./otplab check)", invalid.getMessage());
        }
        List<Lesson> lessons = course.lessons();
        List<Exercise> list = new ArrayList<>(catalog.exercises());
        list.sort(Comparator.comparingInt((Exercise e) -> lessonPosition(lessons, e))
                .thenComparingInt(e -> placeInLesson(lessons, e))
                .thenComparing(Exercise::slug));
        ordered = List.copyOf(list);
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

    List<Exercise> all() {
        return ordered;
    }

    Optional<Exercise> find(String slug) {
        return ordered.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }

    static String noSuchExercise(String slug) {
        return "There is no exercise called `" + slug + "`.";
    }
}
