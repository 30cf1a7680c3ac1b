package otp;

import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;
import static otp.GenServer.stop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Elixir's {@code DynamicSupervisor}: starts with no children and supervises the ones added at run
 * time with {@link #startChild}, one_for_one, up to {@code maxChildren}. Restart types, shutdown
 * and restart intensity work as in {@link Supervisor}.
 */
public final class DynamicSupervisor {
    /** No limit on the number of children (Elixir's {@code :infinity}). */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private DynamicSupervisor() {
    }

    /** Options; immutable, built with {@link #builder()}. */
    public record Options(int maxChildren, int intensity, int period) {
        public Options {
            if (maxChildren < 0) {
                throw new IllegalArgumentException("maxChildren must be 0 or more, got " + maxChildren);
            }
            if (intensity < 0) {
                throw new IllegalArgumentException("intensity must be 0 or more, got " + intensity);
            }
            if (period < 1) {
                throw new IllegalArgumentException("period must be at least 1 second, got " + period);
            }
        }

        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private int maxChildren = UNLIMITED;
            private int intensity = Supervisor.DEFAULT_INTENSITY;
            private int period = Supervisor.DEFAULT_PERIOD_SECONDS;

            private Builder() {
            }

            public Builder maxChildren(int value) {
                this.maxChildren = value;
                return this;
            }

            public Builder intensity(int value) {
                this.intensity = value;
                return this;
            }

            public Builder period(int value) {
                this.period = value;
                return this;
            }

            public Options build() {
                return new Options(maxChildren, intensity, period);
            }
        }
    }

    public static Pid startLink(Options options) {
        return GenServer.startLink(new Server(), Objects.requireNonNull(options, "options must not be null"));
    }

    public static Pid startLink(Options options, String name) {
        return GenServer.startLink(new Server(), Objects.requireNonNull(options, "options must not be null"), name);
    }

    /** Starts a child from spec; throws {@link SupervisorException} (MAX_CHILDREN, START_FAILED). */
    public static Pid startChild(ServerRef sup, ChildSpec spec) {
        return ask(sup, new StartChild(Objects.requireNonNull(spec, "spec must not be null")));
    }

    public static Pid startChild(String sup, ChildSpec spec) {
        return startChild(new Name(sup), spec);
    }

    public static void terminateChild(ServerRef sup, Pid pid) {
        ask(sup, new TerminateChild(Objects.requireNonNull(pid, "pid must not be null")));
    }

    public static void terminateChild(String sup, Pid pid) {
        terminateChild(new Name(sup), pid);
    }

    public static List<ChildInfo> whichChildren(ServerRef sup) {
        return ask(sup, new WhichChildren());
    }

    public static ChildCounts countChildren(ServerRef sup) {
        return ask(sup, new CountChildren());
    }

    @SuppressWarnings("unchecked")
    private static <R> R ask(ServerRef sup, Object request) {
        Object answer = GenServer.call(Objects.requireNonNull(sup, "sup must not be null"), request, Process.INFINITY);
        if (answer instanceof SupervisorException problem) {
            throw new SupervisorException(problem.problem(), problem.getMessage(), problem.reason());
        }
        return (R) answer;
    }

    private record StartChild(ChildSpec spec) {}

    private record TerminateChild(Pid pid) {}

    private record WhichChildren() {}

    private record CountChildren() {}

    private record TryAgain(ChildSpec spec) {}

    private static final class State {
        final Options options;
        final RestartIntensity intensity;
        final Map<Pid, ChildSpec> children = new LinkedHashMap<>();
        final Proc self = Proc.current();

        State(Options options) {
            this.options = options;
            this.intensity = new RestartIntensity(options.intensity(), options.period());
        }

        void publish() {
            self.supervisedChildren = List.copyOf(children.keySet());
        }
    }

    private static final class Server implements GenServer<Options, State> {
        @Override public Init<State> init(Options options) {
            Process.trapExit(true);
            State state = new State(options);
            state.publish();
            return ok(state);
        }

        @Override public CallResult<State> handleCall(Object request, From from, State state) {
            Object answer = switch (request) {
                case StartChild start -> {
                    if (state.children.size() >= state.options.maxChildren()) {
                        yield new SupervisorException(SupervisorException.Problem.MAX_CHILDREN,
                                "the dynamic supervisor already has its maximum of " + state.options.maxChildren() + " children");
                    }
                    yield start(state, start.spec());
                }
                case TerminateChild terminate -> {
                    ChildSpec spec = state.children.remove(terminate.pid());
                    if (spec == null) {
                        yield new SupervisorException(SupervisorException.Problem.NOT_FOUND, "no child " + terminate.pid());
                    }
                    ChildShutdown.stop(terminate.pid(), spec.shutdown());
                    yield "ok";
                }
                case WhichChildren which -> {
                    List<ChildInfo> rows = new ArrayList<>();
                    state.children.forEach((pid, spec) -> rows.add(new ChildInfo(spec.id(), pid, spec.type())));
                    yield List.copyOf(rows);
                }
                case CountChildren count -> {
                    int supervisors = (int) state.children.values().stream().filter(s -> s.type() == ChildType.SUPERVISOR).count();
                    yield new ChildCounts(state.children.size(), state.children.size(), supervisors, state.children.size() - supervisors);
                }
                default -> throw new IllegalArgumentException("not a dynamic supervisor request: " + request);
            };
            state.publish();
            return reply(answer, state);
        }

        private static Object start(State state, ChildSpec spec) {
            try {
                Pid pid = spec.start().get();
                if (pid != null) {
                    state.children.put(pid, spec);
                    if (Trace.active) {
                        Trace.emit(new TraceEvent.ChildStarted(state.self.pid, spec.id(), pid));
                    }
                }
                return pid;
            } catch (ProcessKilled killed) {
                throw killed;
            } catch (ExitException e) {
                return new SupervisorException(SupervisorException.Problem.START_FAILED, "child " + spec.id() + " failed to start: " + e.reason(), e.reason());
            } catch (RuntimeException e) {
                return new SupervisorException(SupervisorException.Problem.START_FAILED, "child " + spec.id() + " failed to start: " + Log.describe(e),
                        Reason.exception(e));
            }
        }

        @Override public InfoResult<State> handleInfo(Object msg, State state) {
            ChildSpec spec;
            Pid old = null;
            Reason reason;
            if (msg instanceof Exit exit) {
                spec = state.children.remove(exit.from());
                if (spec == null) {
                    return noreply(state);
                }
                old = exit.from();
                reason = exit.reason();
                if (spec.restart() == Restart.TEMPORARY || (spec.restart() == Restart.TRANSIENT && reason.isClean())) {
                    state.publish();
                    return noreply(state);
                }
            } else if (msg instanceof TryAgain again) {
                spec = again.spec();
                reason = Reason.of("{failed_to_restart}");
            } else {
                Log.error("dynamic supervisor " + state.self.describe() + " received an unexpected message: " + msg);
                return noreply(state);
            }
            if (!state.intensity.allowRestart()) {
                Log.error("dynamic supervisor " + state.self.describe() + " reached its maximum restart intensity; shutting down");
                return stop(Reason.SHUTDOWN, state);
            }
            Object started = start(state, spec);
            if (started instanceof Pid pid) {
                if (Trace.active) {
                    Trace.emit(new TraceEvent.ChildRestarted(state.self.pid, spec.id(), old, pid, reason));
                }
            } else {
                state.self.send(new TryAgain(spec), null);
            }
            state.publish();
            return noreply(state);
        }

        /** All children are asked to stop at once and waited for together, as OTP's dynamic supervisor does. */
        @Override public void terminate(Reason reason, State state) {
            Map<Pid, Shutdown> stopping = new LinkedHashMap<>();
            state.children.forEach((pid, spec) -> stopping.put(pid, spec.shutdown()));
            ChildShutdown.stopAll(stopping);
            state.children.clear();
            state.publish();
        }
    }
}
