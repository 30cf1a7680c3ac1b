package otp;

import static otp.GenServer.*;

/** The Counter of docs/FRAMEWORK.md and GenServer's Javadoc, compiled exactly as documented. */
final class Counter implements GenServer<Integer, Integer> {
    static Pid startLink(int initial) {
        return GenServer.startLink(new Counter(), initial, "counter");
    }
    static int increment() { return GenServer.call("counter", "increment"); }
    static int count()     { return GenServer.call("counter", "count"); }

    @Override public Init<Integer> init(Integer initial) { return ok(initial); }

    @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) {
        return switch ((String) request) {
            case "increment" -> reply(n + 1, n + 1);
            case "count"     -> reply(n, n);
            default          -> stop(Reason.of("unknown call " + request), n);
        };
    }
}
