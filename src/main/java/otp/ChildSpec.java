package otp;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to start and manage one child (Elixir's child specification map). {@code start} runs in the
 * supervisor's process and must start a process linked to it (e.g. {@code GenServer.startLink}),
 * returning its pid, or null to mean {@code :ignore}.
 *
 * <p>Elixir's conventions: a module's {@code child_spec(arg)} is {@link GenServer#childSpec(Object)}
 * (override it to start through the class's own startLink); {@code Supervisor.child_spec(spec, overrides)}
 * is the {@code with...} methods; {@code :supervisor.get_childspec} is {@link Supervisor#getChildspec}.
 */
public record ChildSpec(Object id, Supplier<Pid> start, Restart restart, Shutdown shutdown, ChildType type) {
    public ChildSpec {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(start, "start must not be null");
        Objects.requireNonNull(restart, "restart must not be null");
        Objects.requireNonNull(shutdown, "shutdown must not be null");
        Objects.requireNonNull(type, "type must not be null");
    }

    /** A permanent worker stopped with a {@value Shutdown#DEFAULT_WORKER_TIMEOUT_MS} ms timeout. */
    public static ChildSpec worker(Object id, Supplier<Pid> start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.timeout(Shutdown.DEFAULT_WORKER_TIMEOUT_MS), ChildType.WORKER);
    }

    /** A permanent supervisor child, given all the time it needs to stop its own children. */
    public static ChildSpec supervisor(Object id, Supplier<Pid> start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.INFINITY, ChildType.SUPERVISOR);
    }

    /** The same spec under another id (what {@code Supervisor.child_spec(spec, id: ...)} overrides). */
    public ChildSpec withId(Object newId) {
        return new ChildSpec(newId, start, restart, shutdown, type);
    }

    public ChildSpec withType(ChildType newType) {
        return new ChildSpec(id, start, restart, shutdown, newType);
    }

    public ChildSpec withRestart(Restart newRestart) {
        return new ChildSpec(id, start, newRestart, shutdown, type);
    }

    public ChildSpec withShutdown(Shutdown newShutdown) {
        return new ChildSpec(id, start, restart, newShutdown, type);
    }
}
