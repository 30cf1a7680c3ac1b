package otplab.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import otp.ChildSpec;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Strategy;
import otp.Supervisor;
import otplab.protocol.Frame;

/** The worker's observer against the real framework: snapshots as the page receives them. */
class ProcessObserverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 30;

    /** A GenServer whose state is its greeting. */
    static final class Greeter implements GenServer<String, String> {
        @Override public Init<String> init(String name) {
            return GenServer.ok("hello from " + name);
        }
    }

    private final BlockingQueue<String> snapshots = new LinkedBlockingQueue<>();
    private ObserverActions actions;
    private final List<Pid> started = new ArrayList<>();

    @BeforeEach
    void observe() {
        actions = ObserverActions.start(snapshots::add);
        Process.trapExit(true);
    }

    @AfterEach
    void stopEverything() {
        started.forEach(pid -> Process.exit(pid, Reason.KILL));
        actions.close();
    }

    private JsonNode awaitSnapshot(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String text = snapshots.poll(1, TimeUnit.SECONDS);
            if (text != null) {
                JsonNode snapshot = JSON.readTree(text);
                if (wanted.test(snapshot)) {
                    return snapshot;
                }
            }
        }
        throw new AssertionError("no snapshot as wanted within " + WAIT_SECONDS + " s");
    }

    private static JsonNode named(JsonNode snapshot, String name) {
        for (JsonNode proc : snapshot.path("processes")) {
            if (name.equals(proc.path("name").asText(null))) {
                return proc;
            }
        }
        return null;
    }

    private Pid team(Strategy strategy, String... names) {
        List<ChildSpec> children = new ArrayList<>();
        for (String name : names) {
            children.add(ChildSpec.worker(name, () -> GenServer.startLink(new Greeter(), name, name)));
        }
        Pid sup = Supervisor.startLink(children, Supervisor.Flags.builder().strategy(strategy).build(), "team_" + names[0]);
        started.add(sup);
        return sup;
    }

    @Test
    void theTreeShowsTheSupervisorAboveItsNamedChildrenWithBehaviourAndStatus() throws Exception {
        team(Strategy.ONE_FOR_ALL, "oa_a", "oa_b");
        JsonNode snapshot = awaitSnapshot(s -> named(s, "oa_b") != null);
        JsonNode sup = named(snapshot, "team_oa_a");
        JsonNode child = named(snapshot, "oa_a");
        assertEquals("Supervisor one_for_all", sup.path("behaviour").asText());
        assertTrue(sup.path("supervisor").asBoolean());
        assertEquals(sup.path("depth").asInt() + 1, child.path("depth").asInt());
        assertEquals("Greeter", child.path("behaviour").asText());
        assertEquals("waiting", child.path("status").asText());
        assertTrue(child.path("links").toString().contains(sup.path("pid").asText()));
    }

    @Test
    void aCrashUnderOneForAllIsReportedAsAnExitAndRestartsOfEveryChild() throws Exception {
        team(Strategy.ONE_FOR_ALL, "ev_a", "ev_b");
        awaitSnapshot(s -> named(s, "ev_b") != null);
        Process.exit(Process.whereis("ev_b"), Reason.of("boom"));
        List<JsonNode> events = new ArrayList<>();
        awaitSnapshot(s -> {
            s.path("events").forEach(events::add);
            return events.stream().filter(e -> e.path("kind").asText().equals("restart")).count() >= 2;
        });
        assertTrue(events.stream().anyMatch(e -> e.path("kind").asText().equals("exit") && e.path("name").asText().equals("ev_b")
                && e.path("reason").asText().equals("boom") && !e.path("clean").asBoolean()), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.path("kind").asText().equals("restart") && e.path("id").asText().equals("ev_a")));
        assertTrue(events.stream().anyMatch(e -> e.path("kind").asText().equals("restart") && e.path("id").asText().equals("ev_b")));
    }

    @Test
    void theStateAndExitActionsAnswerInFrames() throws Exception {
        team(Strategy.ONE_FOR_ONE, "act_a");
        JsonNode child = named(awaitSnapshot(s -> named(s, "act_a") != null), "act_a");
        String pid = child.path("pid").asText();
        BlockingQueue<Frame> replies = new LinkedBlockingQueue<>();
        actions.submit(Frame.of(Frame.Type.OBSERVE, 7, "action", "state", "pid", pid), replies::add);
        Frame state = replies.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(7, state.id());
        assertEquals("hello from act_a", state.field("state").orElseThrow());

        actions.submit(Frame.of(Frame.Type.OBSERVE, 8, "action", "exit", "pid", pid, "reason", "kill"), replies::add);
        assertTrue(replies.poll(WAIT_SECONDS, TimeUnit.SECONDS).field("done").isPresent());
        awaitSnapshot(s -> named(s, "act_a") != null && !named(s, "act_a").path("pid").asText().equals(pid));

        actions.submit(Frame.of(Frame.Type.OBSERVE, 9, "action", "state", "pid", pid), replies::add);
        assertTrue(replies.poll(WAIT_SECONDS, TimeUnit.SECONDS).field("error").orElseThrow().contains("no longer alive"));
    }

    @Test
    void aThousandProcessesMakeOneBoundedSnapshot() throws Exception {
        Pid parent = Process.spawn(() -> {
            for (int i = 0; i < 1000; i++) {
                Process.spawnLink(() -> Process.receive());
            }
            Process.register("many_parent", Process.self());
            Process.receive();
        });
        started.add(parent);
        int hidden = 1000 - ProcessObserver.MAX_CHILDREN_SHOWN;
        JsonNode snapshot = awaitSnapshot(s -> named(s, "many_parent") != null && named(s, "many_parent").path("more").asInt() == hidden);
        JsonNode shown = named(snapshot, "many_parent");
        assertEquals(ProcessObserver.MAX_CHILDREN_SHOWN, countChildrenShown(snapshot, shown));
        assertTrue(snapshot.path("processes").size() <= ProcessObserver.MAX_SHOWN);
    }

    private static int countChildrenShown(JsonNode snapshot, JsonNode parent) {
        int count = 0;
        for (JsonNode proc : snapshot.path("processes")) {
            if (proc.path("depth").asInt() == parent.path("depth").asInt() + 1
                    && proc.path("links").toString().contains(parent.path("pid").asText())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void messagesToNamedProcessesAreKeptForTheSequenceView() throws Exception {
        team(Strategy.ONE_FOR_ONE, "seq_a");
        awaitSnapshot(s -> named(s, "seq_a") != null);
        Process.send("seq_a", "ping");
        JsonNode snapshot = awaitSnapshot(s -> s.path("messages").size() > 0);
        JsonNode message = snapshot.path("messages").get(snapshot.path("messages").size() - 1);
        assertEquals("seq_a", message.path("to").asText());
        assertEquals("send", message.path("kind").asText());
        assertEquals("ping", message.path("text").asText());
    }
}
