import otp.Down;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Ref;
import otp.Timers;

/** Counts ticks on a timer and tells a listener; stops when the listener is gone. */
public final class Ticker implements GenServer<Ticker.Config, Object> {
    /** What the ticker starts with. */
    public record Config(long intervalMs, Pid listener) {}

    private static final String TICK = "tick";

    /** The state; timer is null while paused. */
    private record State(Config config, Ref listenerMonitor, int count, Ref timer) {
        State withTimer(Ref newTimer) {
            return new State(config, listenerMonitor, count, newTimer);
        }
    }

    private enum Request { COUNT, PAUSE, RESUME }

    public static Pid startLink(long intervalMs, Pid listener) {
        return GenServer.startLink(new Ticker(), new Config(intervalMs, listener));
    }

    public static int count(Pid ticker) {
        return GenServer.call(ticker, Request.COUNT);
    }

    public static int pause(Pid ticker) {
        return GenServer.call(ticker, Request.PAUSE);
    }

    public static void resume(Pid ticker) {
        GenServer.call(ticker, Request.RESUME);
    }

    @Override
    public Init<Object> init(Config config) {
        Ref monitor = Process.monitor(config.listener());
        return GenServer.ok(new State(config, monitor, 0, schedule(config)));
    }

    @Override
    public CallResult<Object> handleCall(Object request, From from, Object current) {
        State state = (State) current;
        return switch (request) {
            case Request.COUNT -> GenServer.reply(state.count(), state);
            case Request.PAUSE -> {
                if (state.timer() != null) {
                    Timers.cancelTimer(state.timer());
                }
                yield GenServer.reply(state.count(), state.withTimer(null));
            }
            case Request.RESUME -> GenServer.reply("ok",
                    state.timer() != null ? state : state.withTimer(schedule(state.config())));
            default -> GenServer.stop(Reason.of("unknown call " + request), state);
        };
    }

    @Override
    public InfoResult<Object> handleInfo(Object msg, Object current) {
        State state = (State) current;
        return switch (msg) {
            case String s when s.equals(TICK) -> {
                if (state.timer() == null) {
                    yield GenServer.noreply(state);
                }
                int count = state.count() + 1;
                Process.send(state.config().listener(), new Tick(count));
                yield GenServer.noreply(new State(state.config(), state.listenerMonitor(), count,
                        schedule(state.config())));
            }
            case Down down when down.ref().equals(state.listenerMonitor()) -> GenServer.stop(Reason.NORMAL, state);
            default -> GenServer.noreply(state);
        };
    }

    private static Ref schedule(Config config) {
        return Timers.sendAfter(Process.self(), TICK, config.intervalMs());
    }
}
