package otp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.live.LiveView.noreply;
import static otp.live.LiveView.ok;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import otp.CalleeExitedException;
import otp.Process;
import otp.PubSub;
import otp.web.Html;

class LiveViewTest {
    record Reset(int to) {}

    static final class CounterLive implements LiveView {
        @Override
        public MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket) {
            int start = Integer.parseInt(String.valueOf(params.getOrDefault("start", "0")));
            return ok(socket.assign("count", start).assign("user", session.getOrDefault("user", "guest")));
        }

        @Override
        public EventResult handleEvent(String event, Map<String, Object> params, Socket socket) {
            return switch (event) {
                case "inc" -> noreply(socket.<Integer>update("count", n -> n + 1));
                case "set" -> noreply(socket.assign("count", Integer.parseInt((String) params.get("value"))));
                case "peek" -> LiveView.reply(Map.of("count", socket.get("count")), socket);
                default -> LiveView.super.handleEvent(event, params, socket);
            };
        }

        @Override
        public InfoResult handleInfo(Object msg, Socket socket) {
            return msg instanceof Reset(int to) ? noreply(socket.assign("count", to)) : noreply(socket);
        }

        @Override
        public Html.Safe render(Map<String, Object> assigns) {
            return Html.render("<p>{user}: <button phx-click=\"inc\">{count}</button></p>", assigns);
        }
    }

    record NewMessage(String user, String text) {}

    /** The chat of the course: each view subscribes to the room and shows every message broadcast on it. */
    static final class ChatLive implements LiveView {
        private final String topic;

        ChatLive(String topic) {
            this.topic = topic;
        }

        @Override
        public MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket) {
            if (socket.connected()) {
                PubSub.subscribe(topic);
            }
            return ok(socket.assign("messages", List.of()).assign("user", session.getOrDefault("user", "anon")));
        }

        @Override
        public EventResult handleEvent(String event, Map<String, Object> params, Socket socket) {
            if (event.equals("send") && params.get("message") instanceof String text && !text.isBlank()) {
                PubSub.broadcast(topic, new NewMessage(socket.get("user"), text.trim()));
            }
            return noreply(socket);
        }

        @Override
        public InfoResult handleInfo(Object msg, Socket socket) {
            if (msg instanceof NewMessage m) {
                return noreply(socket.<List<NewMessage>>update("messages", old -> {
                    List<NewMessage> next = new ArrayList<>(old);
                    next.add(m);
                    return Collections.unmodifiableList(next);
                }));
            }
            return noreply(socket);
        }

        @Override
        public Html.Safe render(Map<String, Object> assigns) {
            @SuppressWarnings("unchecked") List<NewMessage> messages = (List<NewMessage>) assigns.get("messages");
            return Html.render("<ul>{items}</ul>", Map.of("items",
                    Html.each(messages, m -> Html.render("<li>{user}: {text}</li>", m))));
        }
    }

    private final List<LiveSession> sessions = new ArrayList<>();

    private LiveSession track(LiveSession s) {
        sessions.add(s);
        return s;
    }

    @AfterEach
    void stopViews() {
        sessions.forEach(LiveSession::close);
    }

    @Test
    void mountSetsTheAssignsFromParamsAndSessionAndRenders() {
        LiveSession view = track(LiveTest.live(new CounterLive(), Map.of("start", "5"), Map.of("user", "ada")));
        assertEquals("<p>ada: <button phx-click=\"inc\">5</button></p>", LiveTest.render(view));
    }

    @Test
    void aClickEventUpdatesTheAssignsAndReturnsTheNewHtml() {
        LiveSession view = track(LiveTest.live(new CounterLive()));
        LiveTest.renderClick(view, "inc", Map.of());
        assertTrue(LiveTest.renderClick(view, "inc", Map.of()).contains(">2</button>"));
        assertEquals(2, view.assigns().get("count"));
    }

    @Test
    void aSubmitEventReceivesTheFormParams() {
        LiveSession view = track(LiveTest.live(new CounterLive()));
        assertTrue(LiveTest.renderSubmit(view, "set", Map.of("value", "41")).contains(">41<"));
    }

    @Test
    void aReplyAnswersTheEventWithAPayload() {
        LiveSession view = track(LiveTest.live(new CounterLive(), Map.of("start", "3"), Map.of()));
        assertEquals(Map.of("count", 3), view.eventWithReply("peek", Map.of()).reply());
    }

    @Test
    void aMessageToTheViewsProcessGoesToHandleInfoAndRerenders() {
        LiveSession view = track(LiveTest.live(new CounterLive()));
        view.send(new Reset(99));
        assertTrue(LiveTest.render(view).contains(">99<"));
    }

    @Test
    void eachViewIsItsOwnProcessWithItsOwnState() {
        LiveSession a = track(LiveTest.live(new CounterLive()));
        LiveSession b = track(LiveTest.live(new CounterLive()));
        LiveTest.renderClick(a, "inc", Map.of());
        assertNotEquals(a.pid(), b.pid());
        assertEquals(1, a.assigns().get("count"));
        assertEquals(0, b.assigns().get("count"));
    }

    @Test
    void viewsSubscribedToATopicAllSeeABroadcastMessage() {
        String topic = "chat:" + System.nanoTime();
        LiveSession ada = track(LiveTest.live(new ChatLive(topic), Map.of(), Map.of("user", "ada")));
        LiveSession bob = track(LiveTest.live(new ChatLive(topic), Map.of(), Map.of("user", "bob")));
        LiveTest.renderSubmit(ada, "send", Map.of("message", "hello <bob>"));
        String expected = "<li>ada: hello &lt;bob&gt;</li>";
        assertTrue(LiveTest.awaitRender(bob, html -> html.contains(expected), 2000).contains(expected));
        assertTrue(LiveTest.awaitRender(ada, html -> html.contains(expected), 2000).contains(expected));
    }

    @Test
    void theRenderListenerGetsNewHtmlOnlyWhenItChanges() {
        List<String> pushed = new CopyOnWriteArrayList<>();
        LiveSession view = track(LiveSession.start(new CounterLive(), Map.of(), Map.of(), pushed::add));
        view.event("inc", Map.of());
        view.send(new Reset(1));
        view.send("noise");
        view.html();
        assertEquals(2, pushed.size(), pushed.toString());
        assertTrue(pushed.get(1).contains(">1<"));
    }

    @Test
    void anEventTheViewDoesNotHandleCrashesItNamingTheEvent() {
        LiveSession view = track(LiveTest.live(new CounterLive()));
        CalleeExitedException e = assertThrows(CalleeExitedException.class,
                () -> LiveTest.renderClick(view, "explode", Map.of()));
        assertTrue(e.getMessage().contains("\"explode\""), e.getMessage());
        assertFalse(view.isAlive());
    }

    @Test
    void aStaticRenderMountsDisconnectedWithoutAProcessOrSubscription() {
        String topic = "chat:" + System.nanoTime();
        String html = LiveTest.staticRender(new ChatLive(topic), Map.of(), Map.of());
        assertEquals("<ul></ul>", html);
        assertEquals(List.of(), PubSub.subscribers(topic));
    }

    @Test
    void closeStopsTheViewsProcess() {
        LiveSession view = LiveTest.live(new CounterLive());
        view.close();
        assertFalse(Process.isAlive(view.pid()));
    }
}
