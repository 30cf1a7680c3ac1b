import java.util.List;
import java.util.Optional;
import otp.GenServer;
import otp.Pid;

/** A stack of strings held by a process. See the instructions for each function. */
public final class Stack implements GenServer<List<String>, List<String>> {

    public static Pid startLink(List<String> items) {
        throw new UnsupportedOperationException("startLink is not implemented yet");
    }

    public static void push(Pid stack, String item) {
        throw new UnsupportedOperationException("push is not implemented yet");
    }

    public static Optional<String> pop(Pid stack) {
        throw new UnsupportedOperationException("pop is not implemented yet");
    }

    public static Optional<String> peek(Pid stack) {
        throw new UnsupportedOperationException("peek is not implemented yet");
    }

    public static int size(Pid stack) {
        throw new UnsupportedOperationException("size is not implemented yet");
    }

    public static int pushAll(Pid stack, List<String> items) {
        throw new UnsupportedOperationException("pushAll is not implemented yet");
    }

    @Override
    public Init<List<String>> init(List<String> items) {
        throw new UnsupportedOperationException("init is not implemented yet");
    }
}
