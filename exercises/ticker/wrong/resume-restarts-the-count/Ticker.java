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

    /**
     * A timer's message, numbered: a tick already in the mailbox when pause cancels its timer
     * carries an old number and is dropped, even after a resume started a newer timer.
     */
    private record TickDue(int timerNumber) {}

    /** The state; timer is null while paused, timerNumber is the number of the newest timer. */
    private record State(Config config, Ref listenerMonitor, int count, Ref timer, int timerNumber) {
        State paused() {
            return new State(config, listenerMonitor, count, null, timerNumber);
        }

        /** This state with a new timer running (one more tick counted when {@code ticked}). */
        State scheduled(boolean ticked) {
            int number = timerNumber + 1;
            return new State(config, listenerMonitor, ticked ? count + 1 : count, schedule(config, number), number);
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
        return GenServer.ok(new State(config, monitor, 0, null, 0).scheduled(false));
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
                yield GenServer.reply(state.count(), state.paused());
            }
            case Request.RESUME -> GenServer.reply("ok",
                    state.timer() != null ? state
                            : new State(state.config(), state.listenerMonitor(), 0, null, state.timerNumber()).scheduled(false));
            default -> GenServer.stop(Reason.of("unknown call " + request), state);
        };
    }

    @Override
    public InfoResult<Object> handleInfo(Object msg, Object current) {
        State state = (State) current;
        return switch (msg) {
            case TickDue(int number) when state.timer() != null && number == state.timerNumber() -> {
                State next = state.scheduled(true);
                Process.send(state.config().listener(), new Tick(next.count()));
                yield GenServer.noreply(next);
            }
            case Down down when down.ref().equals(state.listenerMonitor()) -> GenServer.stop(Reason.NORMAL, state);
            default -> GenServer.noreply(state);
        };
    }

    private static Ref schedule(Config config, int number) {
        return Timers.sendAfter(Process.self(), new TickDue(number), config.intervalMs());
    }
}
