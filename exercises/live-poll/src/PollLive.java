import java.util.Map;
import otp.live.LiveView;
import otp.live.Socket;
import otp.web.Html;

/** The live poll page. See the instructions, task 4. */
public final class PollLive implements LiveView {

    @Override
    public MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket) {
        throw new IllegalStateException("PollLive.mount is not written yet");
    }

    @Override
    public Html.Safe render(Map<String, Object> assigns) {
        throw new IllegalStateException("PollLive.render is not written yet");
    }
}
