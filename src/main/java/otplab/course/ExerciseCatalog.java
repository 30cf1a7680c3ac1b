package otplab.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The exercises of a course folder. A broken exercise does not hide the others: it is kept
 * with its problems so that {@code check} and the server can say what is wrong with it.
 */
public record ExerciseCatalog(Path root, List<Exercise> exercises, List<InvalidExerciseException> invalid) {

    public ExerciseCatalog {
        exercises = List.copyOf(exercises);
        invalid = List.copyOf(invalid);
    }

    public static ExerciseCatalog scan(Path root) throws IOException {
        List<Exercise> ok = new ArrayList<>();
        List<InvalidExerciseException> bad = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> entries = Files.list(root)) {
                for (Path dir : entries.filter(Files::isDirectory).sorted().toList()) {
                    try {
                        ok.add(ExerciseLoader.load(dir));
                    } catch (InvalidExerciseException e) {
                        bad.add(e);
                    }
                }
            }
        }
        return new ExerciseCatalog(root, ok, bad);
    }

    public Optional<Exercise> find(String slug) {
        return exercises.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }
}
