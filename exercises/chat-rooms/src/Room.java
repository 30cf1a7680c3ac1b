import java.util.List;
import otp.GenServer;
import otp.Pid;

/** One chat room: a process registered in the rooms' Registry under its name. */
public final class Room implements GenServer<String, Object> {

    public static Pid startLink(String name) {
        throw new UnsupportedOperationException("Room.startLink is not implemented yet");
    }

    public static void post(String room, String author, String text) {
        throw new UnsupportedOperationException("post is not implemented yet");
    }

    public static List<String> messages(String room) {
        throw new UnsupportedOperationException("messages is not implemented yet");
    }

    @Override
    public Init<Object> init(String name) {
        throw new UnsupportedOperationException("init is not implemented yet");
    }
}
