package otplab.exercises;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import otplab.course.CourseCatalog;
import otplab.course.Exercise;

/** The exercises the server offers: those of the course as last read, in the course's order. */
final class Exercises {
    private final CourseCatalog catalog;

    Exercises(CourseCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog must not be null");
    }

    List<Exercise> all() {
        return catalog.current().exercises();
    }

    Optional<Exercise> find(String slug) {
        return catalog.current().exercise(slug);
    }

    static String noSuchExercise(String slug) {
        return "There is no exercise called `" + slug + "`.";
    }
}
