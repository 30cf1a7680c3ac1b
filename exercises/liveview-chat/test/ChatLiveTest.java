import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.live.LiveSession;
import otp.live.LiveTest;

class ChatLiveTest {
    static LiveSession join(String room, String name) {
        return LiveTest.live(new ChatLive(), Map.of("room", room), Map.of("name", name));
    }

    @Test
    @Tag("task:1")
    @DisplayName("a new page shows the room's name, no messages, and the form")
    void newPageRenders() {
        try (LiveSession page = join("visible-empty", "ada")) {
            String html = LiveTest.render(page);
            assertTrue(html.contains("#visible-empty"), html);
            assertTrue(html.contains("phx-submit=\"send\""), html);
            assertFalse(html.contains("<li>"), html);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("a message sent on one page appears on every page of the room")
    void messageReachesEveryPage() {
        try (LiveSession ada = join("visible-shared", "ada"); LiveSession bob = join("visible-shared", "bob")) {
            LiveTest.renderSubmit(ada, "send", Map.of("text", "hello"));
            String bobSees = LiveTest.awaitRender(bob, html -> html.contains("<li>"), 5_000);
            assertTrue(bobSees.contains("<li><b>ada</b>: hello</li>"), bobSees);
            String adaSees = LiveTest.awaitRender(ada, html -> html.contains("<li>"), 5_000);
            assertTrue(adaSees.contains("<li><b>ada</b>: hello</li>"), adaSees);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("a blank message is not sent and the page says why")
    void blankMessageIsRefused() {
        try (LiveSession page = join("visible-blank", "ada")) {
            String html = LiveTest.renderSubmit(page, "send", Map.of("text", "   "));
            assertTrue(html.contains("can&#39;t be blank") || html.contains("can't be blank"), html);
            assertFalse(html.contains("<li>"), html);
        }
    }

    @Test
    @Tag("task:3")
    @DisplayName("clear empties only the page that asked")
    void clearIsLocal() {
        try (LiveSession ada = join("visible-clear", "ada"); LiveSession bob = join("visible-clear", "bob")) {
            LiveTest.renderSubmit(ada, "send", Map.of("text", "one"));
            LiveTest.awaitRender(ada, html -> html.contains("<li>"), 5_000);
            LiveTest.awaitRender(bob, html -> html.contains("<li>"), 5_000);
            String cleared = LiveTest.renderClick(ada, "clear", Map.of());
            assertFalse(cleared.contains("<li>"), cleared);
            assertTrue(LiveTest.render(bob).contains("<li>"));
        }
    }
}
