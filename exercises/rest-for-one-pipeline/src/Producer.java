import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Process;

/**
 * The second stage, given complete: puts items into the buffer it found when it started. It keeps
 * that buffer's pid, so a restarted buffer is unknown to it — it depends on the buffer.
 */
public final class Producer implements GenServer<Void, Pid> {
    public static final String NAME = "pipeline_producer";

    public static Pid startLink() {
        return GenServer.startLink(new Producer(), null, NAME);
    }

    /**
     * Hands {@code item} to the buffer and returns once it is on its way: a call, so that a
     * {@code Consumer.take()} made after it reaches the buffer after the item does.
     */
    public static void produce(String item) {
        GenServer.call(NAME, item);
    }

    @Override
    public Init<Pid> init(Void unused) {
        Pid buffer = Process.whereis(Buffer.NAME);
        if (buffer == null) {
            throw new IllegalStateException("the producer needs a running buffer: start the buffer first");
        }
        return GenServer.ok(buffer);
    }

    @Override
    public CallResult<Pid> handleCall(Object request, From from, Pid buffer) {
        GenServer.cast(buffer, new Buffer.Put((String) request));
        return GenServer.reply("sent", buffer);
    }
}
