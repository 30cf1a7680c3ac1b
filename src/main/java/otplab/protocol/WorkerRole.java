package otplab.protocol;

import java.util.List;
import java.util.Objects;

/**
 * What a worker JVM is started for, as its command line tells it: a notebook for lesson cells and
 * pages, or one grading, optionally preceded by trusted warm-up gradings.
 *
 * @param name            {@value #NOTEBOOK_NAME} or {@value #GRADING_NAME}
 * @param warmUpGradings  trusted sample gradings a grading worker runs before it is ready
 */
public record WorkerRole(String name, int warmUpGradings) {
    /** The {@code --role} of a worker that runs lesson cells and pages (the default). */
    public static final String NOTEBOOK_NAME = "notebook";
    /** The {@code --role} of a worker started for exactly one grading. */
    public static final String GRADING_NAME = "grading";
    public static final WorkerRole NOTEBOOK = new WorkerRole(NOTEBOOK_NAME, 0);

    public WorkerRole {
        Objects.requireNonNull(name, "name must not be null");
        if (!name.equals(NOTEBOOK_NAME) && !name.equals(GRADING_NAME)) {
            throw new IllegalArgumentException("a worker is a notebook or a grading worker, not '" + name + "'");
        }
        if (warmUpGradings < 0 || (warmUpGradings > 0 && !name.equals(GRADING_NAME))) {
            throw new IllegalArgumentException("only a grading worker warms up, with zero or more gradings");
        }
    }

    public static WorkerRole grading(int warmUpGradings) {
        return new WorkerRole(GRADING_NAME, warmUpGradings);
    }

    public boolean isGrading() {
        return name.equals(GRADING_NAME);
    }

    /** The worker command line's arguments that name this role. */
    public List<String> arguments() {
        return warmUpGradings == 0
                ? List.of("--role", name)
                : List.of("--role", name, "--warm-up", Integer.toString(warmUpGradings));
    }
}
