import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Reason;

/** A stack of strings held by a process; the top is the first element of the state. */
public final class Stack implements GenServer<List<String>, List<String>> {
    private record Push(String item) {}
    private record PushAll(List<String> items) {}
    private enum Query { POP, PEEK, SIZE }

    public static Pid startLink(List<String> items) {
        return GenServer.startLink(new Stack(), List.copyOf(items));
    }

    public static void push(Pid stack, String item) {
        GenServer.call(stack, new Push(item));
    }

    public static Optional<String> pop(Pid stack) {
        return GenServer.call(stack, Query.POP);
    }

    public static Optional<String> peek(Pid stack) {
        return GenServer.call(stack, Query.PEEK);
    }

    public static int size(Pid stack) {
        return GenServer.call(stack, Query.SIZE);
    }

    public static int pushAll(Pid stack, List<String> items) {
        return GenServer.call(stack, new PushAll(List.copyOf(items)));
    }

    @Override
    public Init<List<String>> init(List<String> items) {
        return GenServer.ok(items);
    }

    @Override
    public CastResult<List<String>> handleCast(Object msg, List<String> items) {
        return switch (msg) {
            case Push(String item) -> GenServer.noreply(pushed(items, List.of(item)));
            default -> GenServer.noreply(items);
        };
    }

    @Override
    public CallResult<List<String>> handleCall(Object request, From from, List<String> items) {
        return switch (request) {
            case Query.POP -> items.isEmpty()
                    ? GenServer.reply(Optional.empty(), items)
                    : GenServer.reply(Optional.of(items.getFirst()), items.subList(1, items.size()));
            case Query.PEEK -> GenServer.reply(items.isEmpty() ? Optional.empty() : Optional.of(items.getFirst()), items);
            case Query.SIZE -> GenServer.reply(items.size(), items);
            case Push(String item) -> GenServer.reply(items.size() + 1, pushed(items, List.of(item)));
            case PushAll(List<String> more) -> {
                List<String> next = pushed(items, more);
                yield GenServer.reply(next.size(), next);
            }
            default -> GenServer.stop(Reason.of("unknown call " + request), items);
        };
    }

    private static List<String> pushed(List<String> items, List<String> more) {
        List<String> next = new ArrayList<>(more.reversed());
        next.addAll(items);
        return List.copyOf(next);
    }
}
