import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Reason;

/** A counter process: calls answer the count, reset is a cast. */
public final class Counter implements GenServer<Integer, Integer> {
    private record Add(int amount) {}

    public static Pid startLink(int initial) {
        return GenServer.startLink(new Counter(), initial);
    }

    public static Pid startLink(int initial, String name) {
        return GenServer.startLink(new Counter(), initial, name);
    }

    public static int value(Pid counter) {
        return GenServer.call(counter, "value");
    }

    public static int value(String name) {
        return GenServer.call(name, "value");
    }

    public static int increment(Pid counter) {
        return GenServer.call(counter, "increment");
    }

    public static int increment(String name) {
        return GenServer.call(name, "increment");
    }

    public static int add(Pid counter, int amount) {
        return GenServer.call(counter, new Add(amount));
    }

    public static void reset(Pid counter) {
        GenServer.cast(counter, "reset");
    }

    @Override
    public Init<Integer> init(Integer initial) {
        return GenServer.ok(initial);
    }

    @Override
    public CallResult<Integer> handleCall(Object request, From from, Integer n) {
        return switch (request) {
            case Add(int amount) -> GenServer.reply(n + Math.abs(amount), n + Math.abs(amount));
            case String s when s.equals("value") -> GenServer.reply(n, n);
            case String s when s.equals("increment") -> GenServer.reply(n + 1, n + 1);
            default -> GenServer.stop(Reason.of("unknown call " + request), n);
        };
    }

    @Override
    public CastResult<Integer> handleCast(Object request, Integer n) {
        return "reset".equals(request) ? GenServer.noreply(0) : GenServer.noreply(n);
    }
}
