package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class PubSubTest {

    @Test
    void broadcastReachesEverySubscriberOfTheTopic() {
        Pid me = Process.self();
        for (int i = 0; i < 3; i++) {
            Process.spawnLink(() -> {
                PubSub.subscribe("ps_news");
                Process.send(me, "subscribed");
                Process.send(me, "got " + Process.receive());
            });
        }
        next();
        next();
        next();
        PubSub.broadcast("ps_news", "hello");
        assertEquals(List.of("got hello", "got hello", "got hello"), List.of(next(), next(), next()));
    }

    @Test
    void unsubscribeStopsDelivery() {
        PubSub.subscribe("ps_quiet");
        PubSub.unsubscribe("ps_quiet");
        PubSub.broadcast("ps_quiet", "anyone?");
        assertTrue(Process.receive(20).isEmpty());
    }

    @Test
    void deadSubscribersAreRemoved() {
        Monitored m = Process.spawnMonitor(() -> PubSub.subscribe("ps_gone"));
        next(Down.class);
        assertEquals(List.of(), PubSub.subscribers("ps_gone"));
    }

    @Test
    void broadcastFromSkipsTheSender() {
        PubSub.subscribe("ps_self");
        PubSub.broadcastFrom("ps_self", "echo");
        assertTrue(Process.receive(20).isEmpty());
    }
}
