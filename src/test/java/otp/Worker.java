package otp;

import static otp.GenServer.*;

/** A supervised test worker: tells its observer when it starts and terminates; answers "ping" with its name. */
record Worker(String name, Pid observer) implements GenServer<Void, String> {
    static ChildSpec spec(String name, Pid observer) {
        return ChildSpec.worker(name, () -> GenServer.startLink(new Worker(name, observer), null, name));
    }

    @Override public Init<String> init(Void arg) {
        Process.trapExit(true);
        Process.send(observer, "start " + name);
        return ok(name);
    }

    @Override public CallResult<String> handleCall(Object request, From from, String state) {
        return reply(state, state);
    }

    @Override public void terminate(Reason reason, String state) {
        Process.send(observer, "stop " + name);
    }

    static void crash(String name) {
        Process.exit(Process.whereis(name), Reason.KILL);
    }
}
