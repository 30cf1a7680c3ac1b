package otp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.live.LiveView.noreply;
import static otp.live.LiveView.ok;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import otp.Pid;
import otp.Process;
import otp.PubSub;
import otp.web.Html;

/** The lesson page's live view and the PubSub topics shared between tabs, seen from the host's side. */
class LivePageTest {
    record Rendered(long view, String html) {}

    record Published(String topic, String json) {}

    private static final BlockingQueue<Rendered> RENDERS = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Published> PUBLISHED = new LinkedBlockingQueue<>();

    static final class CounterLive implements LiveView {
        @Override
        public MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket) {
            return ok(socket.assign("count", 0));
        }

        @Override
        public EventResult handleEvent(String event, Map<String, Object> params, Socket socket) {
            return noreply(socket.<Integer>update("count", n -> n + Integer.parseInt((String) params.getOrDefault("by", "1"))));
        }

        @Override
        public Html.Safe render(Map<String, Object> assigns) {
            return Html.render("<b>{count}</b>", assigns);
        }
    }

    @BeforeAll
    static void installHost() {
        LivePage.host(new LivePage.Host() {
            @Override
            public void render(long view, String html) {
                RENDERS.add(new Rendered(view, html));
            }

            @Override
            public void publish(String topic, String json) {
                PUBLISHED.add(new Published(topic, json));
            }
        });
    }

    @BeforeEach
    void forgetEarlierTraffic() {
        RENDERS.clear();
        PUBLISHED.clear();
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(5, TimeUnit.SECONDS);
        assertTrue(item != null, "nothing arrived within 5 s");
        return item;
    }

    @Test
    void aShownViewRendersIntoThePageAndEventsRenderItAgain() throws Exception {
        LiveSession session = LiveView.showInPage(new CounterLive());
        Rendered mounted = next(RENDERS);
        assertEquals("<b>0</b>", mounted.html());
        assertEquals("<b>2</b>", LivePage.event(mounted.view(), "add", Map.of("by", "2")));
        assertEquals(new Rendered(mounted.view(), "<b>2</b>"), next(RENDERS));
        session.close();
    }

    @Test
    void showingAnotherViewStopsTheFirstAndItsEventsAreRefusedInWords() throws Exception {
        LiveSession first = LiveView.showInPage(new CounterLive());
        long firstView = next(RENDERS).view();
        LiveSession second = LiveView.showInPage(new CounterLive());
        next(RENDERS);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LivePage.event(firstView, "add", Map.of()));
        assertEquals("this view is no longer running; run the cell that shows it again", refused.getMessage());
        assertEquals(Optional.of(second), LivePage.current());
        assertTrue(!first.isAlive());
        second.close();
    }

    @Test
    void broadcastsOnASharedTopicGoToTheOtherTabsAsJson() throws Exception {
        LivePage.shareTopic("room:a");
        LivePage.shareTopic("room:a");
        PubSub.broadcast("room:a", Map.of("from", "ada"));
        assertEquals(new Published("room:a", "{\"from\":\"ada\"}"), next(PUBLISHED));
        assertEquals(null, PUBLISHED.poll(200, TimeUnit.MILLISECONDS), "one relay per topic, however often it is shared");
    }

    @Test
    void aMessageFromAnotherTabReachesLocalSubscribersAndIsNotSentBack() throws Exception {
        LivePage.shareTopic("room:b");
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
        Pid listener = Process.spawn(() -> {
            PubSub.subscribe("room:b");
            subscribed.countDown();
            received.add(Process.receive());
        });
        subscribed.await();
        LivePage.deliver("room:b", "{\"from\":\"bob\",\"lines\":[1,2]}");
        assertEquals(Map.of("from", "bob", "lines", List.of(1L, 2L)), received.poll(5, TimeUnit.SECONDS));
        assertEquals(null, PUBLISHED.poll(200, TimeUnit.MILLISECONDS), "a delivered message must not echo back");
        Process.exit(listener, otp.Reason.KILL);
    }

    @Test
    void aMessageJsonCannotCarryStaysInItsOwnTab() throws Exception {
        LivePage.shareTopic("room:c");
        PubSub.broadcast("room:c", Process.spawn(() -> { }));
        PubSub.broadcast("room:c", "after");
        assertEquals(new Published("room:c", "\"after\""), next(PUBLISHED));
    }
}
