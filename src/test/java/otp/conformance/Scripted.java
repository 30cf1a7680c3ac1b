package otp.conformance;

import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;
import static otp.conformance.TraceLog.line;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import otp.ChildSpec;
import otp.From;
import otp.GenServer;
import otp.Name;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.ServerName;
import otp.ServerRef;

/**
 * The scripted server, twin of {@code Conf.W}: its callbacks run the functions a scenario hands
 * it, so one class plays every server the scenarios need. A logged server writes "start id" in
 * init and "stop id reason" in terminate.
 */
final class Scripted implements GenServer<Scripted.Spec, Scripted.State> {

    /** How one server behaves; immutable, built from {@link #spec(String)} with the with-methods. */
    record Spec(String id, ServerName name, Object value, boolean log, boolean trap,
                Function<State, Init<State>> init,
                BiFunction<Object, State, InfoResult<State>> info,
                BiFunction<Object, State, ContinueResult<State>> onContinue,
                BiConsumer<Reason, State> onTerminate) {
        Spec {
            Objects.requireNonNull(id, "id must not be null");
        }

        Spec named(String newName) {
            return named(new Name(newName));
        }

        Spec named(ServerName newName) {
            return new Spec(id, newName, value, log, trap, init, info, onContinue, onTerminate);
        }

        Spec value(Object newValue) {
            return new Spec(id, name, newValue, log, trap, init, info, onContinue, onTerminate);
        }

        Spec logged(boolean newLog) {
            return new Spec(id, name, value, newLog, trap, init, info, onContinue, onTerminate);
        }

        Spec trapping() {
            return new Spec(id, name, value, log, true, init, info, onContinue, onTerminate);
        }

        Spec init(Function<State, Init<State>> newInit) {
            return new Spec(id, name, value, log, trap, newInit, info, onContinue, onTerminate);
        }

        Spec info(BiFunction<Object, State, InfoResult<State>> newInfo) {
            return new Spec(id, name, value, log, trap, init, newInfo, onContinue, onTerminate);
        }

        Spec onContinue(BiFunction<Object, State, ContinueResult<State>> newContinue) {
            return new Spec(id, name, value, log, trap, init, info, newContinue, onTerminate);
        }

        Spec onTerminate(BiConsumer<Reason, State> newTerminate) {
            return new Spec(id, name, value, log, trap, init, info, onContinue, newTerminate);
        }
    }

    record State(Spec spec, Object value) {
        State value(Object newValue) {
            return new State(spec, newValue);
        }
    }

    /** A call whose handleCall result the function computes. */
    record Call(BiFunction<From, State, CallResult<State>> fn) {}

    record Cast(Function<State, CastResult<State>> fn) {}

    record Info(Function<State, InfoResult<State>> fn) {}

    static final String VALUE = "value";

    static Spec spec(String id) {
        return new Spec(id, null, null, false, false, null, null, null, null);
    }

    /** A supervised child's behaviour: logged, trapping exits, registered as conf_id. */
    static Spec supervised(String id) {
        return spec(id).logged(true).trapping().named(name(id));
    }

    static ChildSpec child(String id) {
        return child(supervised(id));
    }

    static ChildSpec child(Spec spec) {
        return ChildSpec.worker(spec.id(), () -> startLink(spec));
    }

    static String name(String id) {
        return "conf_" + id;
    }

    static Pid start(Spec spec) {
        return spec.name() == null ? GenServer.start(new Scripted(), spec) : GenServer.start(new Scripted(), spec, spec.name());
    }

    static Pid startLink(Spec spec) {
        return spec.name() == null ? GenServer.startLink(new Scripted(), spec) : GenServer.startLink(new Scripted(), spec, spec.name());
    }

    static <R> R call(ServerRef server, BiFunction<From, State, CallResult<State>> fn) {
        return GenServer.call(server, new Call(fn));
    }

    static <R> R call(ServerRef server, BiFunction<From, State, CallResult<State>> fn, long timeoutMs) {
        return GenServer.call(server, new Call(fn), timeoutMs);
    }

    static void cast(ServerRef server, Function<State, CastResult<State>> fn) {
        GenServer.cast(server, new Cast(fn));
    }

    @Override public Init<State> init(Spec spec) {
        if (spec.trap()) {
            Process.trapExit(true);
        }
        if (spec.log()) {
            line("start " + spec.id());
        }
        State state = new State(spec, spec.value());
        return spec.init() == null ? ok(state) : spec.init().apply(state);
    }

    @Override public CallResult<State> handleCall(Object request, From from, State state) {
        return switch (request) {
            case Call call -> call.fn().apply(from, state);
            case String s when s.equals(VALUE) -> reply(state.value(), state);
            default -> throw new IllegalArgumentException("not a scripted call: " + request);
        };
    }

    @Override public CastResult<State> handleCast(Object msg, State state) {
        return ((Cast) msg).fn().apply(state);
    }

    @Override public InfoResult<State> handleInfo(Object msg, State state) {
        if (msg instanceof Info info) {
            return info.fn().apply(state);
        }
        return state.spec().info() == null ? noreply(state) : state.spec().info().apply(msg, state);
    }

    @Override public ContinueResult<State> handleContinue(Object term, State state) {
        return state.spec().onContinue().apply(term, state);
    }

    @Override public void terminate(Reason reason, State state) {
        if (state.spec().log()) {
            line("stop " + state.spec().id() + " " + Terms.norm(reason));
        }
        if (state.spec().onTerminate() != null) {
            state.spec().onTerminate().accept(reason, state);
        }
    }
}
