package otplab.runner;

import java.util.List;
import java.util.Objects;
import otplab.worker.WorkerMain;

/**
 * What a worker JVM is started for, as its command line tells it: a notebook for lesson cells and
 * pages, or one grading, optionally preceded by trusted warm-up gradings.
 *
 * @param name            {@link WorkerMain#ROLE_NOTEBOOK} or {@link WorkerMain#ROLE_GRADING}
 * @param warmUpGradings  trusted sample gradings a grading worker runs before it is ready
 */
public record WorkerRole(String name, int warmUpGradings) {
    public static final WorkerRole NOTEBOOK = new WorkerRole(WorkerMain.ROLE_NOTEBOOK, 0);

    public WorkerRole {
        Objects.requireNonNull(name, "name must not be null");
        if (!name.equals(WorkerMain.ROLE_NOTEBOOK) && !name.equals(WorkerMain.ROLE_GRADING)) {
            throw new IllegalArgumentException("a worker is a notebook or a grading worker, not '" + name + "'");
        }
        if (warmUpGradings < 0 || (warmUpGradings > 0 && !name.equals(WorkerMain.ROLE_GRADING))) {
            throw new IllegalArgumentException("only a grading worker warms up, with zero or more gradings");
        }
    }

    public static WorkerRole grading(int warmUpGradings) {
        return new WorkerRole(WorkerMain.ROLE_GRADING, warmUpGradings);
    }

    List<String> arguments() {
        return warmUpGradings == 0
                ? List.of("--role", name)
                : List.of("--role", name, "--warm-up", Integer.toString(warmUpGradings));
    }
}
