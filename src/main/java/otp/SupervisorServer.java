package otp;

import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;
import static otp.GenServer.stop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The GenServer behind {@link Supervisor}, following supervisor.erl. */
final class SupervisorServer implements GenServer<Object, SupervisorServer.State> {
    record WhichChildren() {}

    record CountChildren() {}

    record StartChild(ChildSpec spec) {}

    record TerminateChild(Object id) {}

    record RestartChild(Object id) {}

    record DeleteChild(Object id) {}

    record GetChildspec(Object id) {}

    /** Sent to itself when a restart failed, to try again (counted against the intensity). */
    private record TryAgain(Object id) {}

    static final class Child {
        final ChildSpec spec;
        Pid pid;

        Child(ChildSpec spec) {
            this.spec = spec;
        }
    }

    static final class State {
        final Supervisor.Flags flags;
        final List<Child> children = new ArrayList<>();
        final RestartIntensity intensity;
        final Proc self;

        State(Supervisor.Flags flags, Proc self) {
            this.flags = flags;
            this.intensity = new RestartIntensity(flags.intensity(), flags.period());
            this.self = self;
        }

        void publish() {
            List<Pid> running = new ArrayList<>();
            for (Child child : children) {
                if (child.pid != null) {
                    running.add(child.pid);
                }
            }
            self.supervisedChildren = List.copyOf(running);
        }

        Child find(Object id) {
            for (Child child : children) {
                if (child.spec.id().equals(id)) {
                    return child;
                }
            }
            return null;
        }
    }

    /** The outcome of starting one child. */
    private sealed interface Started permits StartedOk, StartedFailed {}

    private record StartedOk(Pid pid) implements Started {}

    private record StartedFailed(Reason reason) implements Started {}

    @Override @SuppressWarnings("unchecked")
    public Init<State> init(Object arg) {
        Process.trapExit(true);
        SupervisorSpec spec = arg instanceof SupervisorSpec s ? s : ((Supplier<SupervisorSpec>) arg).get();
        if (spec == null) {
            return stop(Reason.badReturn(null));
        }
        State state = new State(spec.flags(), Proc.current());
        state.self.behaviour = "Supervisor " + spec.flags().strategy().name().toLowerCase(Locale.ROOT);
        List<Object> seen = new ArrayList<>();
        for (ChildSpec childSpec : spec.children()) {
            if (seen.contains(childSpec.id())) {
                return stop(Reason.of("{duplicate_child_name, " + childSpec.id() + "}"));
            }
            seen.add(childSpec.id());
            Child child = new Child(childSpec);
            switch (startChild(state, child)) {
                case StartedOk ok -> {
                    if (ok.pid() != null || childSpec.restart() != Restart.TEMPORARY) {
                        state.children.add(child);
                    }
                }
                case StartedFailed failed -> {
                    stopAll(state, state.children);
                    return stop(Reason.shutdown("{failed_to_start_child, " + childSpec.id() + ", " + failed.reason() + "}"));
                }
            }
        }
        state.publish();
        return ok(state);
    }

    private static Started startChild(State state, Child child) {
        try {
            Pid pid = child.spec.start().get();
            child.pid = pid;
            if (pid != null && Trace.active) {
                Trace.emit(new TraceEvent.ChildStarted(state.self.pid, child.spec.id(), pid));
            }
            return new StartedOk(pid);
        } catch (ProcessKilled killed) {
            throw killed;
        } catch (ExitException e) {
            child.pid = null;
            return new StartedFailed(e.reason());
        } catch (RuntimeException e) {
            child.pid = null;
            return new StartedFailed(Reason.exception(e));
        }
    }

    @Override public CallResult<State> handleCall(Object request, From from, State state) {
        Object answer = switch (request) {
            case WhichChildren w -> {
                // supervisor:which_children lists the newest child first (the order it shuts them down in).
                List<ChildInfo> rows = new ArrayList<>();
                for (Child child : state.children.reversed()) {
                    rows.add(new ChildInfo(child.spec.id(), child.pid, child.spec.type()));
                }
                yield List.copyOf(rows);
            }
            case CountChildren c -> {
                int active = 0;
                int supervisors = 0;
                for (Child child : state.children) {
                    if (child.pid != null) {
                        active++;
                    }
                    if (child.spec.type() == ChildType.SUPERVISOR) {
                        supervisors++;
                    }
                }
                yield new ChildCounts(state.children.size(), active, supervisors, state.children.size() - supervisors);
            }
            case StartChild s -> addChild(state, s.spec());
            case GetChildspec g -> {
                Child child = state.find(g.id());
                yield child == null ? notFound(g.id()) : child.spec;
            }
            case TerminateChild t -> {
                Child child = state.find(t.id());
                if (child == null) {
                    yield notFound(t.id());
                }
                if (child.pid != null) {
                    ChildShutdown.stop(child.pid, child.spec.shutdown());
                    child.pid = null;
                }
                if (child.spec.restart() == Restart.TEMPORARY) {
                    state.children.remove(child);
                }
                yield "ok";
            }
            case RestartChild r -> {
                Child child = state.find(r.id());
                if (child == null) {
                    yield notFound(r.id());
                }
                if (child.pid != null) {
                    yield new SupervisorException(SupervisorException.Problem.RUNNING, "child " + r.id() + " is running");
                }
                yield switch (startChild(state, child)) {
                    case StartedOk ok -> ok.pid();
                    case StartedFailed failed -> new SupervisorException(SupervisorException.Problem.START_FAILED,
                            "child " + r.id() + " failed to start: " + failed.reason(), failed.reason());
                };
            }
            case DeleteChild d -> {
                Child child = state.find(d.id());
                if (child == null) {
                    yield notFound(d.id());
                }
                if (child.pid != null) {
                    yield new SupervisorException(SupervisorException.Problem.RUNNING, "child " + d.id() + " is running; terminate it first");
                }
                state.children.remove(child);
                yield "ok";
            }
            default -> throw new IllegalArgumentException("not a supervisor request: " + request);
        };
        state.publish();
        return reply(answer, state);
    }

    private static SupervisorException notFound(Object id) {
        return new SupervisorException(SupervisorException.Problem.NOT_FOUND, "no child with id " + id);
    }

    private static Object addChild(State state, ChildSpec spec) {
        Child existing = state.find(spec.id());
        if (existing != null) {
            return existing.pid != null
                    ? new SupervisorException(SupervisorException.Problem.ALREADY_STARTED, "child " + spec.id() + " is already started as " + existing.pid)
                    : new SupervisorException(SupervisorException.Problem.ALREADY_PRESENT, "child " + spec.id() + " is already present");
        }
        Child child = new Child(spec);
        return switch (startChild(state, child)) {
            case StartedOk ok -> {
                if (ok.pid() != null || spec.restart() != Restart.TEMPORARY) {
                    state.children.add(child);
                }
                yield ok.pid();
            }
            case StartedFailed failed -> new SupervisorException(SupervisorException.Problem.START_FAILED,
                    "child " + spec.id() + " failed to start: " + failed.reason(), failed.reason());
        };
    }

    @Override public InfoResult<State> handleInfo(Object msg, State state) {
        switch (msg) {
            case Exit exit -> {
                Child child = null;
                for (Child candidate : state.children) {
                    if (exit.from().equals(candidate.pid)) {
                        child = candidate;
                        break;
                    }
                }
                if (child == null) {
                    return noreply(state);
                }
                InfoResult<State> result = childExited(state, child, exit.reason());
                state.publish();
                return result;
            }
            case TryAgain again -> {
                Child child = state.find(again.id());
                if (child == null || child.pid != null) {
                    return noreply(state);
                }
                InfoResult<State> result = restart(state, child, null, Reason.of("{failed_to_restart}"));
                state.publish();
                return result;
            }
            default -> {
                Log.error("supervisor " + state.self.describe() + " received an unexpected message: " + msg);
                return noreply(state);
            }
        }
    }

    private InfoResult<State> childExited(State state, Child child, Reason reason) {
        Pid old = child.pid;
        child.pid = null;
        switch (child.spec.restart()) {
            case TEMPORARY -> {
                state.children.remove(child);
                return noreply(state);
            }
            case TRANSIENT -> {
                if (reason.isClean()) {
                    return noreply(state);
                }
            }
            case PERMANENT -> { }
        }
        return restart(state, child, old, reason);
    }

    /** Restarts per the strategy, after checking the intensity. */
    private InfoResult<State> restart(State state, Child child, Pid old, Reason reason) {
        if (!state.intensity.allowRestart()) {
            Log.error("supervisor " + state.self.describe() + " reached its maximum restart intensity ("
                    + state.flags.intensity() + " in " + state.flags.period() + " s) after child " + child.spec.id()
                    + " exited with " + reason + "; shutting down");
            return stop(Reason.SHUTDOWN, state);
        }
        int index = state.children.indexOf(child);
        List<Child> group = switch (state.flags.strategy()) {
            case ONE_FOR_ONE -> List.of(child);
            case ONE_FOR_ALL -> new ArrayList<>(state.children);
            case REST_FOR_ONE -> new ArrayList<>(state.children.subList(index, state.children.size()));
        };
        List<Child> others = new ArrayList<>(group);
        others.remove(child);
        stopAll(state, others);
        for (Child member : group) {
            if (member != child && member.spec.restart() == Restart.TEMPORARY) {
                state.children.remove(member);
                continue;
            }
            Started started = startChild(state, member);
            if (started instanceof StartedFailed) {
                state.self.send(new TryAgain(member.spec.id()), null);
                return noreply(state);
            }
            if (member == child && Trace.active) {
                Trace.emit(new TraceEvent.ChildRestarted(state.self.pid, child.spec.id(), old, child.pid, reason));
            }
        }
        return noreply(state);
    }

    /** Stops the given children in reverse order. */
    private static void stopAll(State state, List<Child> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            Child child = children.get(i);
            if (child.pid != null) {
                ChildShutdown.stop(child.pid, child.spec.shutdown());
                child.pid = null;
            }
        }
    }

    @Override public void terminate(Reason reason, State state) {
        stopAll(state, state.children);
        state.self.supervisedChildren = List.of();
    }
}
