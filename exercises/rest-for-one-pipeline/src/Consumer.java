import java.util.Optional;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Process;

/** The third stage, given complete: takes items from the buffer it found when it started. */
public final class Consumer implements GenServer<Void, Pid> {
    public static final String NAME = "pipeline_consumer";

    public static Pid startLink() {
        return GenServer.startLink(new Consumer(), null, NAME);
    }

    public static Optional<String> take() {
        return GenServer.call(NAME, "take");
    }

    /** Makes the consumer crash, to try the supervisor. */
    public static void crash() {
        GenServer.cast(NAME, "crash");
    }

    @Override
    public Init<Pid> init(Void unused) {
        Pid buffer = Process.whereis(Buffer.NAME);
        if (buffer == null) {
            throw new IllegalStateException("the consumer needs a running buffer: start the buffer first");
        }
        return GenServer.ok(buffer);
    }

    @Override
    public CallResult<Pid> handleCall(Object request, From from, Pid buffer) {
        Optional<String> item = GenServer.call(buffer, new Buffer.Take());
        return GenServer.reply(item, buffer);
    }

    @Override
    public CastResult<Pid> handleCast(Object msg, Pid buffer) {
        throw new IllegalStateException("the consumer crashed on purpose");
    }
}
