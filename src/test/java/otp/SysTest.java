package otp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class SysTest {

    @Test
    void getStateReturnsTheServersCurrentStateWithoutReachingHandleCall() {
        Pid counter = Counter.startLink(41);
        Counter.increment();
        assertEquals(42, (int) Sys.getState(counter));
        assertEquals(42, (int) Sys.getState("counter"));
        // Counter stops on a call it does not know: the system request never reached handleCall.
        assertTrue(Process.isAlive(counter));
        assertEquals(42, Counter.count());
    }

    @Test
    void getStateOfAnAgentIsItsValue() {
        Pid agent = Agent.startLink(() -> List.of("a", "b"));
        assertEquals(List.of("a", "b"), Sys.getState(agent));
    }

    @Test
    void getStateOfAPlainProcessIsAnErrorAtOnceInsteadOfATimeout() {
        Pid plain = Process.spawn(() -> Process.receive());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Sys.getState(plain, Process.INFINITY));
        assertTrue(error.getMessage().contains("is not a GenServer"), error.getMessage());
        Process.exit(plain, Reason.KILL);
    }

    @Test
    void getStateOfAServerBusyInACallbackTimesOut() {
        Pid agent = Agent.startLink(() -> 0);
        Agent.cast(agent, (Integer n) -> {
            Process.sleep(2_000);
            return n;
        });
        assertThrows(CallTimeoutException.class, () -> Sys.getState(agent, 50));
    }

    @Test
    void behaviourNamesTheCallbackClassOrTheSupervisorsStrategy() {
        Pid counter = GenServer.start(new Counter(), 0);
        Pid sup = Supervisor.startLink(List.of(), Supervisor.Flags.builder().strategy(Strategy.ONE_FOR_ALL).build());
        Pid agent = Agent.startLink(() -> 0);
        Pid plain = Process.spawn(() -> Process.receive());
        assertEquals(Optional.of("Counter"), Sys.behaviour(counter));
        assertEquals(Optional.of("Supervisor one_for_all"), Sys.behaviour(sup));
        assertEquals(Optional.of("Agent"), Sys.behaviour(agent));
        assertEquals(Optional.empty(), Sys.behaviour(plain));
        Process.exit(plain, Reason.KILL);
    }

    @Test
    void tracedMessagesSayWhoSentWhatToWhomAndHowWhenOneEndIsRegistered() {
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        Pid counter = Counter.startLink(0);
        Pid agent = Agent.startLink(() -> 0, "traced_agent");
        Pid unnamed = Agent.startLink(() -> 0);
        Pid me = Process.self();
        try (Trace.Subscription ignored = Trace.subscribeWithMessages(events::add)) {
            Counter.increment();
            Agent.cast(agent, (Integer n) -> n + 1);
            Process.send(agent, "hello");
            Agent.cast(unnamed, (Integer n) -> n + 1);
        }
        assertTrue(events.contains(new TraceEvent.Sent(me, counter, "increment", TraceEvent.Delivery.CALL)), events::toString);
        assertTrue(events.contains(new TraceEvent.Sent(counter, me, 1, TraceEvent.Delivery.REPLY)), events::toString);
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Sent sent && sent.from() == me && sent.to() == agent
                && sent.delivery() == TraceEvent.Delivery.CAST), events::toString);
        assertTrue(events.contains(new TraceEvent.Sent(me, agent, "hello", TraceEvent.Delivery.SEND)), events::toString);
        assertFalse(events.stream().anyMatch(e -> e instanceof TraceEvent.Sent sent && sent.to() == unnamed), events::toString);
    }

    @Test
    void aPlainSubscriptionSeesNoMessages() {
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        Counter.startLink(0);
        try (Trace.Subscription ignored = Trace.subscribe(events::add)) {
            Counter.increment();
        }
        assertFalse(events.stream().anyMatch(e -> e instanceof TraceEvent.Sent), events::toString);
    }

    @Test
    void processInfoForObserversCountsTheQueueOnlyUpToTheLimit() {
        Pid busy = Process.spawn(() -> Process.receive(m -> m.equals("go")));
        for (int i = 0; i < 50; i++) {
            Process.send(busy, i);
        }
        assertEquals(10, Sys.processInfo(busy, 10).orElseThrow().messageQueueLength());
        assertEquals(50, Process.processInfo(busy).orElseThrow().messageQueueLength());
        Process.exit(busy, Reason.KILL);
    }
}
