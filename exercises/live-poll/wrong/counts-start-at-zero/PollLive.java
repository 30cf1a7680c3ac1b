import java.util.LinkedHashMap;
import java.util.Map;
import otp.PubSub;
import otp.live.LiveView;
import otp.live.Socket;
import otp.web.Html;

/** The live poll page: the counts of every choice and a button per choice, kept current over PubSub. */
public final class PollLive implements LiveView {

    @Override
    public MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket) {
        if (socket.connected()) {
            PubSub.subscribe(Poll.TOPIC);
        }
        return LiveView.ok(socket.assign("counts", VoteServer.tallies()));
    }

    @Override
    public EventResult handleEvent(String event, Map<String, Object> params, Socket socket) {
        if (event.equals("vote")) {
            // The count changes when the broadcast arrives, on this page as on every other one.
            VoteServer.vote(String.valueOf(params.get("choice")));
            return LiveView.noreply(socket);
        }
        return LiveView.super.handleEvent(event, params, socket);
    }

    @Override
    public InfoResult handleInfo(Object msg, Socket socket) {
        if (msg instanceof Poll.VoteCast(String choice, int count)) {
            return LiveView.noreply(socket.<Map<String, Integer>>update("counts", counts -> {
                Map<String, Integer> next = new LinkedHashMap<>(counts);
                next.put(choice, count);
                return next;
            }));
        }
        return LiveView.noreply(socket);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Html.Safe render(Map<String, Object> assigns) {
        Map<String, Integer> counts = (Map<String, Integer>) assigns.get("counts");
        return Html.render("<h1>Poll</h1><ul>{items}</ul>", Map.of("items", Html.each(Poll.CHOICES, choice ->
                Html.render("<li>{choice}: {count} <button phx-click=\"vote\" phx-value-choice=\"{choice}\">Vote</button></li>",
                        Map.of("choice", choice, "count", counts.getOrDefault(choice, 0))))));
    }
}
