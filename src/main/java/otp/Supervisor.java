package otp;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A supervisor, OTP's {@code supervisor}: starts children, watches them through links (it traps
 * exits) and restarts them according to its strategy, within a restart intensity.
 *
 * <h2>Client functions and what the supervisor does</h2>
 * <table>
 *   <caption>Supervisor functions</caption>
 *   <tr><th>client</th><th>supervisor</th></tr>
 *   <tr><td>{@code startLink(children, flags[, name])} or {@code startLink(module, arg[, name])}</td>
 *       <td>{@code module.init(arg)} (module form), then starts each child in order; one failing
 *       fails the start ({@link StartFailedException}, reason
 *       {@code {shutdown, {failed_to_start_child, id, reason}}}) after stopping those already started</td></tr>
 *   <tr><td>{@code whichChildren(sup)}</td><td>a {@link ChildInfo} per child, newest first (as supervisor:which_children)</td></tr>
 *   <tr><td>{@code countChildren(sup)}</td><td>{@link ChildCounts}</td></tr>
 *   <tr><td>{@code startChild(sup, spec)}</td><td>adds and starts a child; returns its pid (null if ignored)</td></tr>
 *   <tr><td>{@code terminateChild(sup, id)}</td><td>stops the child, keeps its spec (temporary: deleted)</td></tr>
 *   <tr><td>{@code restartChild(sup, id)}</td><td>starts a stopped child again from its spec</td></tr>
 *   <tr><td>{@code deleteChild(sup, id)}</td><td>forgets the spec of a stopped child</td></tr>
 *   <tr><td>a child exits</td><td>restart per {@link Restart} and {@link Strategy}; more than
 *       {@code intensity} restarts within {@code period} seconds stops every child and the
 *       supervisor itself, with reason shutdown</td></tr>
 *   <tr><td>its parent exits (or {@code GenServer.stop(sup)})</td><td>stops children in reverse start order</td></tr>
 * </table>
 * Child operations that cannot be done throw {@link SupervisorException} with a {@link SupervisorException.Problem}:
 * NOT_FOUND, RUNNING (restart/delete a running child), ALREADY_PRESENT (startChild with a known id
 * whose child is stopped), ALREADY_STARTED (known id, running), START_FAILED.
 *
 * <h2>Return contract of the module form</h2>
 * <pre>
 * Module.init(arg) -&gt; new SupervisorSpec(flags, children)
 * ChildSpec.start  -&gt; pid of a process linked to the supervisor | null (ignore) | throws (failed)
 * </pre>
 *
 * <h2>Defaults</h2>
 * {@link Flags#builder()} starts from {@link Strategy#ONE_FOR_ONE}, {@link #DEFAULT_INTENSITY} = 3
 * restarts in {@link #DEFAULT_PERIOD_SECONDS} = 5 seconds (Elixir's Supervisor defaults; Erlang's
 * supervisor uses 1 in 5). Workers stop with a 5000 ms shutdown, supervisor children with infinity.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Pid sup = Supervisor.startLink(List.of(
 *         ChildSpec.worker("counter", () -> Counter.startLink(0)),
 *         ChildSpec.worker("room", () -> ChatRoom.startLink("general"))
 *             .withRestart(Restart.TRANSIENT).withShutdown(Shutdown.timeout(5000))),
 *     Supervisor.Flags.builder().strategy(Strategy.ONE_FOR_ONE).intensity(3).period(5).build(),
 *     "my_app_sup");
 *
 * Counter.increment();                                    // 1
 * Process.exit(Process.whereis("counter"), Reason.KILL);  // the supervisor restarts it
 * Supervisor.whichChildren("my_app_sup");                 // [ChildInfo[id=counter, pid=#PID<...>, ...], ...]
 * }</pre>
 */
public final class Supervisor {
    /** Restarts allowed within the period before the supervisor gives up (Elixir's default). */
    public static final int DEFAULT_INTENSITY = 3;
    /** The sliding window for the intensity, in seconds (Elixir's default). */
    public static final int DEFAULT_PERIOD_SECONDS = 5;

    private Supervisor() {
    }

    /** The module form: a class whose init builds the children (Elixir's {@code use Supervisor}). */
    @FunctionalInterface
    public interface Module<A> {
        SupervisorSpec init(A arg);
    }

    /** Strategy and restart intensity. Immutable; build with {@link #builder()}. */
    public record Flags(Strategy strategy, int intensity, int period) {
        public Flags {
            Objects.requireNonNull(strategy, "strategy must not be null");
            if (intensity < 0) {
                throw new IllegalArgumentException("intensity must be 0 or more, got " + intensity);
            }
            if (period < 1) {
                throw new IllegalArgumentException("period must be at least 1 second, got " + period);
            }
        }

        public static Flags defaults() {
            return builder().build();
        }

        public static Flags of(Strategy strategy) {
            return builder().strategy(strategy).build();
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Strategy strategy = Strategy.ONE_FOR_ONE;
            private int intensity = DEFAULT_INTENSITY;
            private int period = DEFAULT_PERIOD_SECONDS;

            private Builder() {
            }

            public Builder strategy(Strategy value) {
                this.strategy = value;
                return this;
            }

            public Builder intensity(int value) {
                this.intensity = value;
                return this;
            }

            /** The period in seconds. */
            public Builder period(int value) {
                this.period = value;
                return this;
            }

            public Flags build() {
                return new Flags(strategy, intensity, period);
            }
        }
    }

    public static Pid startLink(List<ChildSpec> children, Flags flags) {
        return GenServer.startLink(new SupervisorServer(), new SupervisorSpec(flags, children));
    }

    public static Pid startLink(List<ChildSpec> children, Flags flags, String name) {
        return GenServer.startLink(new SupervisorServer(), new SupervisorSpec(flags, children), name);
    }

    public static <A> Pid startLink(Module<A> module, A arg) {
        Objects.requireNonNull(module, "module must not be null");
        return GenServer.startLink(new SupervisorServer(), (Supplier<SupervisorSpec>) () -> module.init(arg));
    }

    public static <A> Pid startLink(Module<A> module, A arg, String name) {
        Objects.requireNonNull(module, "module must not be null");
        return GenServer.startLink(new SupervisorServer(), (Supplier<SupervisorSpec>) () -> module.init(arg), name);
    }

    public static List<ChildInfo> whichChildren(ServerRef sup) {
        return ask(sup, new SupervisorServer.WhichChildren());
    }

    public static List<ChildInfo> whichChildren(String sup) {
        return whichChildren(new Name(sup));
    }

    public static ChildCounts countChildren(ServerRef sup) {
        return ask(sup, new SupervisorServer.CountChildren());
    }

    public static ChildCounts countChildren(String sup) {
        return countChildren(new Name(sup));
    }

    /** Adds a child spec and starts it; returns its pid, or null if its start returned ignore. */
    public static Pid startChild(ServerRef sup, ChildSpec spec) {
        return ask(sup, new SupervisorServer.StartChild(Objects.requireNonNull(spec, "spec must not be null")));
    }

    public static Pid startChild(String sup, ChildSpec spec) {
        return startChild(new Name(sup), spec);
    }

    public static void terminateChild(ServerRef sup, Object id) {
        ask(sup, new SupervisorServer.TerminateChild(Objects.requireNonNull(id, "id must not be null")));
    }

    public static void terminateChild(String sup, Object id) {
        terminateChild(new Name(sup), id);
    }

    public static Pid restartChild(ServerRef sup, Object id) {
        return ask(sup, new SupervisorServer.RestartChild(Objects.requireNonNull(id, "id must not be null")));
    }

    public static Pid restartChild(String sup, Object id) {
        return restartChild(new Name(sup), id);
    }

    public static void deleteChild(ServerRef sup, Object id) {
        ask(sup, new SupervisorServer.DeleteChild(Objects.requireNonNull(id, "id must not be null")));
    }

    public static void deleteChild(String sup, Object id) {
        deleteChild(new Name(sup), id);
    }

    /** The spec of child id ({@code :supervisor.get_childspec}); NOT_FOUND when there is none. */
    public static ChildSpec getChildspec(ServerRef sup, Object id) {
        return ask(sup, new SupervisorServer.GetChildspec(Objects.requireNonNull(id, "id must not be null")));
    }

    public static ChildSpec getChildspec(String sup, Object id) {
        return getChildspec(new Name(sup), id);
    }

    @SuppressWarnings("unchecked")
    private static <R> R ask(ServerRef sup, Object request) {
        Object answer = GenServer.call(Objects.requireNonNull(sup, "sup must not be null"), request, Process.INFINITY);
        if (answer instanceof SupervisorException problem) {
            throw new SupervisorException(problem.problem(), problem.getMessage(), problem.reason());
        }
        return (R) answer;
    }
}
