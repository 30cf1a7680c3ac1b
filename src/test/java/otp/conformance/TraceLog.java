package otp.conformance;

import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Process;

/**
 * The trace, twin of {@code Conf.Log}: a server that appends lines in the order their synchronous
 * log calls arrive, so lines from different processes are ordered only where the scenario's
 * causality orders them. {@link #await} returns once a line has been written n times.
 */
final class TraceLog implements GenServer<Void, TraceLog.State> {
    static final String NAME = "conformance_log";
    private static final long AWAIT_MS = 10_000;

    private record Line(String text) {}

    private record Await(String text, int times) {}

    private record Lines() {}

    private record Waiter(String text, int times, From from) {}

    static final class State {
        private final List<String> lines = new ArrayList<>();
        private final List<Waiter> waiting = new ArrayList<>();

        private boolean written(String text, int times) {
            return Collections.frequency(lines, text) >= times;
        }
    }

    static Pid start() {
        return GenServer.start(new TraceLog(), null, NAME);
    }

    static void line(String text) {
        GenServer.call(NAME, new Line(text), Process.INFINITY);
    }

    static void await(String text) {
        await(text, 1);
    }

    static void await(String text, int times) {
        GenServer.call(NAME, new Await(text, times), AWAIT_MS);
    }

    static List<String> lines() {
        return GenServer.call(NAME, new Lines());
    }

    @Override public Init<State> init(Void arg) {
        return ok(new State());
    }

    @Override public CallResult<State> handleCall(Object request, From from, State state) {
        return switch (request) {
            case Line line -> {
                state.lines.add(line.text());
                state.waiting.removeIf(waiter -> {
                    boolean ready = state.written(waiter.text(), waiter.times());
                    if (ready) {
                        GenServer.reply(waiter.from(), "ok");
                    }
                    return ready;
                });
                yield reply("ok", state);
            }
            case Await await -> {
                if (state.written(await.text(), await.times())) {
                    yield reply("ok", state);
                }
                state.waiting.add(new Waiter(await.text(), await.times(), from));
                yield noreply(state);
            }
            case Lines lines -> reply(List.copyOf(state.lines), state);
            default -> throw new IllegalArgumentException("not a trace request: " + request);
        };
    }
}
