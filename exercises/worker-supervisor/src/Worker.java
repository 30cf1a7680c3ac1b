import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Reason;

/**
 * One worker, given complete: it handles jobs one at a time and remembers how many it has done.
 * That count lives in the process, so a restarted worker starts again from zero.
 */
public final class Worker implements GenServer<String, Worker.Tally> {

    /** The worker's state: its own name and the number of jobs it has finished. */
    record Tally(String name, int done) {}

    record Job(String description) {}

    record Processed() {}

    record Crash() {}

    record Finish() {}

    /** Starts a worker registered under name, linked to the caller (the supervisor). */
    public static Pid startLink(String name) {
        return GenServer.startLink(new Worker(), name, name);
    }

    /** Hands a job to the named worker and waits for its answer, e.g. "worker-2 did resize photo". */
    public static String submit(String name, String job) {
        return GenServer.call(name, new Job(job));
    }

    /** How many jobs the named worker has done since it (last) started. */
    public static int processed(String name) {
        return GenServer.call(name, new Processed());
    }

    /** Makes the named worker crash, to try the supervisor. */
    public static void crash(String name) {
        GenServer.cast(name, new Crash());
    }

    /** Tells the named worker it is no longer needed: it stops with reason normal. */
    public static void finish(String name) {
        GenServer.cast(name, new Finish());
    }

    @Override
    public Init<Tally> init(String name) {
        return GenServer.ok(new Tally(name, 0));
    }

    @Override
    public CallResult<Tally> handleCall(Object request, From from, Tally tally) {
        return switch (request) {
            case Job(String description) -> GenServer.reply(
                    tally.name() + " did " + description, new Tally(tally.name(), tally.done() + 1));
            case Processed p -> GenServer.reply(tally.done(), tally);
            default -> throw new IllegalArgumentException("a worker does not understand " + request);
        };
    }

    @Override
    public CastResult<Tally> handleCast(Object msg, Tally tally) {
        return switch (msg) {
            case Finish f -> GenServer.stop(Reason.NORMAL, tally);
            case Crash c -> throw new IllegalStateException(tally.name() + " crashed on purpose");
            default -> throw new IllegalArgumentException("a worker does not understand " + msg);
        };
    }
}
