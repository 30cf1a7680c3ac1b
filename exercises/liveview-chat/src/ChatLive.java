import java.util.Map;
import otp.live.LiveView;
import otp.live.Socket;
import otp.web.Html;

/** A chat room page. See the instructions. */
public final class ChatLive implements LiveView {
    public static final int MAX_MESSAGES = 50;

    public static String topic(String room) {
        return "chat:" + room;
    }

    @Override
    public MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket) {
        throw new UnsupportedOperationException("mount is not implemented yet");
    }

    @Override
    public Html.Safe render(Map<String, Object> assigns) {
        throw new UnsupportedOperationException("render is not implemented yet");
    }
}
