package otp;

import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Elixir's {@code Agent}: a process that only holds a state, read and changed with functions that
 * run inside the agent. It is a {@link GenServer}, so names, links and supervisors apply.
 *
 * <pre>{@code
 * Pid agent = Agent.startLink(() -> 0);
 * Agent.update(agent, n -> n + 1);
 * int n = Agent.get(agent, s -> s);
 * }</pre>
 */
public final class Agent {
    private Agent() {
    }

    private record Get<S, R>(Function<S, R> fn) {}

    private record Update<S>(UnaryOperator<S> fn) {}

    private record GetAndUpdate<S, R>(Function<S, Pair<R, S>> fn) {}

    /** What a getAndUpdate function returns: the value for the caller and the new state ({@code {get, new_state}}). */
    public record Pair<R, S>(R value, S state) {}

    public static <R, S> Pair<R, S> pair(R value, S state) {
        return new Pair<>(value, state);
    }

    private static final class Server<S> implements GenServer<Supplier<S>, S> {
        @Override public Init<S> init(Supplier<S> initial) {
            return ok(initial.get());
        }

        @Override @SuppressWarnings("unchecked")
        public CallResult<S> handleCall(Object request, From from, S state) {
            return switch (request) {
                case Get<?, ?> get -> reply(((Get<S, Object>) get).fn().apply(state), state);
                case Update<?> update -> reply("ok", ((Update<S>) update).fn().apply(state));
                case GetAndUpdate<?, ?> getAndUpdate -> {
                    Pair<Object, S> pair = ((GetAndUpdate<S, Object>) getAndUpdate).fn().apply(state);
                    if (pair == null) {
                        throw new IllegalStateException("an Agent.getAndUpdate function returned null instead of Agent.pair(value, state)");
                    }
                    yield reply(pair.value(), pair.state());
                }
                default -> throw new IllegalArgumentException("not an Agent request: " + request);
            };
        }

        @Override @SuppressWarnings("unchecked")
        public CastResult<S> handleCast(Object msg, S state) {
            return noreply(((Update<S>) msg).fn().apply(state));
        }
    }

    public static <S> Pid start(Supplier<S> initial) {
        return GenServer.start(new Server<S>(), Objects.requireNonNull(initial, "initial must not be null"));
    }

    public static <S> Pid startLink(Supplier<S> initial) {
        return GenServer.startLink(new Server<S>(), Objects.requireNonNull(initial, "initial must not be null"));
    }

    public static <S> Pid startLink(Supplier<S> initial, String name) {
        return GenServer.startLink(new Server<S>(), Objects.requireNonNull(initial, "initial must not be null"), name);
    }

    /** Applies fn to the state inside the agent and returns its result. */
    public static <S, R> R get(ServerRef agent, Function<S, R> fn) {
        return GenServer.call(agent, new Get<>(Objects.requireNonNull(fn, "fn must not be null")));
    }

    public static <S, R> R get(String agent, Function<S, R> fn) {
        return get(new Name(agent), fn);
    }

    /** Like {@link #get(ServerRef, Function)}, waiting at most timeoutMs ({@link CallTimeoutException} after). */
    public static <S, R> R get(ServerRef agent, Function<S, R> fn, long timeoutMs) {
        return GenServer.call(agent, new Get<>(Objects.requireNonNull(fn, "fn must not be null")), timeoutMs);
    }

    /**
     * Runs fn on the state inside the agent; fn returns {@code Agent.pair(value, newState)}: the caller
     * gets value and the agent keeps newState (Elixir's {@code Agent.get_and_update}).
     */
    public static <S, R> R getAndUpdate(ServerRef agent, Function<S, Pair<R, S>> fn) {
        return getAndUpdate(agent, fn, GenServer.DEFAULT_CALL_TIMEOUT_MS);
    }

    public static <S, R> R getAndUpdate(ServerRef agent, Function<S, Pair<R, S>> fn, long timeoutMs) {
        return GenServer.call(agent, new GetAndUpdate<>(Objects.requireNonNull(fn, "fn must not be null")), timeoutMs);
    }

    public static <S, R> R getAndUpdate(String agent, Function<S, Pair<R, S>> fn) {
        return getAndUpdate(new Name(agent), fn);
    }

    /** Replaces the state with fn(state) and waits until done. */
    public static <S> void update(ServerRef agent, UnaryOperator<S> fn) {
        GenServer.call(agent, new Update<>(Objects.requireNonNull(fn, "fn must not be null")));
    }

    public static <S> void update(String agent, UnaryOperator<S> fn) {
        update(new Name(agent), fn);
    }

    public static <S> void update(ServerRef agent, UnaryOperator<S> fn, long timeoutMs) {
        GenServer.call(agent, new Update<>(Objects.requireNonNull(fn, "fn must not be null")), timeoutMs);
    }

    /** Replaces the state with fn(state) without waiting. */
    public static <S> void cast(ServerRef agent, UnaryOperator<S> fn) {
        GenServer.cast(agent, new Update<>(Objects.requireNonNull(fn, "fn must not be null")));
    }

    public static void stop(ServerRef agent) {
        GenServer.stop(agent);
    }
}
