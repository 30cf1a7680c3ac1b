package otp;

import java.util.List;
import java.util.Objects;

/** What a {@link Supervisor.Module}'s init returns: flags and children (Elixir's {@code Supervisor.init/2}). */
public record SupervisorSpec(Supervisor.Flags flags, List<ChildSpec> children) {
    public SupervisorSpec {
        Objects.requireNonNull(flags, "flags must not be null");
        children = List.copyOf(Objects.requireNonNull(children, "children must not be null"));
    }
}
