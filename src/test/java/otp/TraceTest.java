package otp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class TraceTest {

    @Test
    void subscriberSeesSpawnLinkRegisterAndExitWithReason() {
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        Pid me = Process.self();
        Pid child;
        try (Trace.Subscription ignored = Trace.subscribe(events::add)) {
            child = Process.spawnLink(() -> {
                Process.register("traced_one", Process.self());
                Process.exit(Reason.NORMAL);
            });
            ProcessTestSupport.eventually(() -> events.contains(new TraceEvent.Exited(child, Reason.NORMAL)));
        }
        assertTrue(events.contains(new TraceEvent.Spawned(child, me)));
        assertTrue(events.contains(new TraceEvent.Linked(me, child)));
        assertTrue(events.contains(new TraceEvent.Registered("traced_one", child)));
        assertTrue(events.contains(new TraceEvent.Unregistered("traced_one", child)));
    }

    @Test
    void closedSubscriptionReceivesNothing() {
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        Trace.subscribe(events::add).close();
        Process.spawn(() -> { });
        assertTrue(events.isEmpty());
    }
}
