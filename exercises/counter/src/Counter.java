import otp.GenServer;
import otp.Pid;

/** A counter process. See the instructions for each function. */
public final class Counter implements GenServer<Integer, Integer> {

    public static Pid startLink(int initial) {
        throw new UnsupportedOperationException("startLink is not implemented yet");
    }

    public static Pid startLink(int initial, String name) {
        throw new UnsupportedOperationException("startLink with a name is not implemented yet");
    }

    public static int value(Pid counter) {
        throw new UnsupportedOperationException("value is not implemented yet");
    }

    public static int value(String name) {
        throw new UnsupportedOperationException("value by name is not implemented yet");
    }

    public static int increment(Pid counter) {
        throw new UnsupportedOperationException("increment is not implemented yet");
    }

    public static int increment(String name) {
        throw new UnsupportedOperationException("increment by name is not implemented yet");
    }

    public static int add(Pid counter, int amount) {
        throw new UnsupportedOperationException("add is not implemented yet");
    }

    public static void reset(Pid counter) {
        throw new UnsupportedOperationException("reset is not implemented yet");
    }

    @Override
    public Init<Integer> init(Integer initial) {
        throw new UnsupportedOperationException("init is not implemented yet");
    }
}
