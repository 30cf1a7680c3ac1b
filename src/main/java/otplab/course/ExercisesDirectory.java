package otplab.course;

import java.nio.file.Path;

/** Where the course's exercises live: {@code EXERCISES_DIR}, else {@code exercises/} of the installation. */
public final class ExercisesDirectory {
    public static final String ENVIRONMENT_VARIABLE = "EXERCISES_DIR";

    private ExercisesDirectory() {}

    public static Path resolve() {
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("otplab.home", ".")).resolve("exercises");
    }
}
