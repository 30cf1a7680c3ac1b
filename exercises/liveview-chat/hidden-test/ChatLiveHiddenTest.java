import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.PubSub;
import otp.live.LiveSession;
import otp.live.LiveTest;

class ChatLiveHiddenTest {
    static LiveSession join(String room, String name) {
        return LiveTest.live(new ChatLive(), Map.of("room", room), Map.of("name", name));
    }

    @Test
    @Tag("task:1")
    @DisplayName("without a room or a name, the page is the lobby and the user a guest")
    void defaultsToLobbyAndGuest() {
        try (LiveSession page = LiveTest.live(new ChatLive())) {
            assertTrue(LiveTest.render(page).contains("#lobby"));
            LiveTest.renderSubmit(page, "send", Map.of("text", "hi"));
            assertTrue(LiveTest.awaitRender(page, html -> html.contains("<li>"), 5_000).contains("<b>guest</b>"));
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("the static render subscribes to nothing")
    void staticRenderDoesNotSubscribe() {
        String html = LiveTest.staticRender(new ChatLive(), Map.of("room", "hidden-static"), Map.of());
        assertTrue(html.contains("#hidden-static"), html);
        assertEquals(List.of(), PubSub.subscribers(ChatLive.topic("hidden-static")));
    }

    @Test
    @Tag("task:2")
    @DisplayName("rooms are separate topics, and text is escaped and trimmed")
    void roomsAreSeparateAndTextEscaped() {
        try (LiveSession a = join("hidden-a", "ada"); LiveSession b = join("hidden-b", "bob")) {
            LiveTest.renderSubmit(a, "send", Map.of("text", "  <script>x</script>  "));
            String html = LiveTest.awaitRender(a, h -> h.contains("<li>"), 5_000);
            assertTrue(html.contains("<li><b>ada</b>: &lt;script&gt;x&lt;/script&gt;</li>"), html);
            LiveTest.renderSubmit(b, "send", Map.of("text", "in b"));
            LiveTest.awaitRender(b, h -> h.contains("<li>"), 5_000);
            // b's broadcast reached every subscriber before b's event returned, so once a shows a later
            // message of its own, a message from room b would be on a's page already.
            LiveTest.renderSubmit(a, "send", Map.of("text", "later in a"));
            String later = LiveTest.awaitRender(a, h -> h.contains("later in a"), 5_000);
            assertFalse(later.contains("in b"), later);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("the blank-message notice goes away after a good message")
    void errorClearsAfterGoodMessage() {
        try (LiveSession page = join("hidden-error", "ada")) {
            LiveTest.renderSubmit(page, "send", Map.of("text", ""));
            String html = LiveTest.renderSubmit(page, "send", Map.of("text", "fine"));
            assertFalse(html.contains("blank"), html);
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("a page keeps only the last 50 messages")
    void keepsTheLastFifty() {
        try (LiveSession page = join("hidden-many", "ada")) {
            for (int i = 1; i <= 55; i++) {
                page.send(new ChatMessage("bot", "message " + i));
            }
            String html = LiveTest.render(page);
            assertEquals(ChatLive.MAX_MESSAGES, html.split("<li>", -1).length - 1);
            assertFalse(html.contains("message 5<"), html);
            assertTrue(html.contains("message 6<") && html.contains("message 55<"), html);
            assertTrue(html.indexOf("message 54<") < html.indexOf("message 55<"), "messages must stay in the order they came: " + html);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("the sender sees its own message once")
    void senderSeesItsMessageOnce() {
        try (LiveSession page = join("hidden-once", "ada")) {
            LiveTest.renderSubmit(page, "send", Map.of("text", "first"));
            LiveTest.renderSubmit(page, "send", Map.of("text", "second"));
            String html = LiveTest.awaitRender(page, h -> h.contains("second"), 5_000);
            assertEquals(2, html.split("<li>", -1).length - 1, html);
        }
    }
}
