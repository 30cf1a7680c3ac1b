import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import otp.PubSub;
import otp.live.LiveView;
import otp.live.Socket;
import otp.web.Html;

/** A chat room page: one process per open page, kept in sync over the room's PubSub topic. */
public final class ChatLive implements LiveView {
    public static final int MAX_MESSAGES = 50;
    static final String DEFAULT_ROOM = "lobby";
    static final String DEFAULT_NAME = "guest";
    static final String BLANK = "can't be blank";

    public static String topic(String room) {
        return "chat:" + room;
    }

    @Override
    public MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket) {
        String room = String.valueOf(params.getOrDefault("room", DEFAULT_ROOM));
        if (socket.connected()) {
            PubSub.subscribe(topic(room));
        }
        return LiveView.ok(socket.assign(Map.of(
                "room", room,
                "name", String.valueOf(session.getOrDefault("name", DEFAULT_NAME)),
                "messages", List.of(),
                "error", "")));
    }

    @Override
    public EventResult handleEvent(String event, Map<String, Object> params, Socket socket) {
        return switch (event) {
            case "send" -> {
                String text = params.get("text") instanceof String s ? s.strip() : "";
                if (text.isEmpty()) {
                    yield LiveView.noreply(socket.assign("error", BLANK));
                }
                PubSub.broadcast(topic(socket.get("room")), new ChatMessage(socket.get("name"), text));
                yield LiveView.noreply(socket.assign("error", ""));
            }
            case "clear" -> LiveView.noreply(socket.assign("messages", List.of()));
            default -> LiveView.super.handleEvent(event, params, socket);
        };
    }

    @Override
    public InfoResult handleInfo(Object msg, Socket socket) {
        if (msg instanceof ChatMessage message) {
            return LiveView.noreply(socket.<List<ChatMessage>>update("messages", messages -> {
                List<ChatMessage> next = new ArrayList<>(messages);
                if (next.size() < MAX_MESSAGES) {
                    next.add(message);
                }
                return List.copyOf(next.subList(Math.max(0, next.size() - MAX_MESSAGES), next.size()));
            }));
        }
        return LiveView.noreply(socket);
    }

    @Override
    public Html.Safe render(Map<String, Object> assigns) {
        List<?> messages = (List<?>) assigns.get("messages");
        String error = (String) assigns.get("error");
        return Html.render("""
                <h1>#{room}</h1>
                <ul>{items}</ul>
                {error}
                <form phx-submit="send"><input name="text"><button>Send</button></form>""",
                Map.of("room", assigns.get("room"),
                        "items", Html.each(messages, m -> Html.render("<li><b>{from}</b>: {text}</li>", m)),
                        "error", error.isEmpty() ? Html.raw("") : Html.render("<p class=\"error\">{e}</p>", Map.of("e", error))));
    }
}
