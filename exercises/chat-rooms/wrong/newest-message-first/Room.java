import java.util.ArrayList;
import java.util.List;
import otp.From;
import otp.GenServer;
import otp.Pid;
import otp.Reason;
import otp.Registry;

/** One chat room: a process registered in the rooms' Registry under its name. */
public final class Room implements GenServer<String, Object> {
    private record Post(String author, String text) {}
    private record Messages() {}
    private record State(String name, List<String> messages) {}

    static Registry.Via via(String room) {
        return Registry.via(ChatRooms.REGISTRY, room);
    }

    public static Pid startLink(String name) {
        return GenServer.startLink(new Room(), name, via(name));
    }

    public static void post(String room, String author, String text) {
        GenServer.call(via(room), new Post(author, text));
    }

    public static List<String> messages(String room) {
        return GenServer.call(via(room), new Messages());
    }

    @Override
    public Init<Object> init(String name) {
        return GenServer.ok(new State(name, List.of()));
    }

    @Override
    public CallResult<Object> handleCall(Object request, From from, Object current) {
        State state = (State) current;
        return switch (request) {
            case Post(String author, String text) -> {
                List<String> next = new ArrayList<>(state.messages());
                next.addFirst(author + ": " + text);
                yield GenServer.reply("ok", new State(state.name(), List.copyOf(next)));
            }
            case Messages() -> GenServer.reply(state.messages(), state);
            default -> GenServer.stop(Reason.of("unknown call " + request), state);
        };
    }
}
