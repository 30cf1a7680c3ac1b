import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.ChildInfo;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.PubSub;
import otp.Reason;
import otp.Supervisor;
import otp.data.Repo;
import otp.live.LiveSession;
import otp.live.LiveTest;
import otp.web.Conn;
import otp.web.ConnTest;
import otp.web.Router;

class LivePollHiddenTest {
    static final int VOTERS = 8;
    static final int VOTES_EACH = 25;

    Repo repo;
    Pid poll;

    @BeforeEach
    void startThePoll() {
        repo = Repo.inMemory("poll_" + UUID.randomUUID().toString().replace("-", ""));
        Poll.migrate(repo);
        poll = PollSupervisor.startLink(repo);
    }

    @AfterEach
    void stopThePoll() {
        if (poll != null && Process.isAlive(poll)) {
            GenServer.stop(poll);
        }
        PubSub.unsubscribe(Poll.TOPIC);
        repo.close();
    }

    static Pid awaitRestart(Pid old) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Pid now = Process.whereis(VoteServer.NAME);
            if (now != null && !now.equals(old)) {
                return now;
            }
            Process.sleep(5);
        }
        throw new AssertionError("the vote server was not restarted within 5 s");
    }

    @Test
    @Tag("task:1")
    @DisplayName("a server started on a database with votes counts them")
    void startsFromTheStoredVotes() {
        GenServer.stop(poll);
        repo.insert(Poll.VOTE.struct().put("choice", "gleam"));
        repo.insert(Poll.VOTE.struct().put("choice", "gleam"));
        repo.insert(Poll.VOTE.struct().put("choice", "elixir"));
        poll = PollSupervisor.startLink(repo);
        assertEquals(Map.of("elixir", 1, "erlang", 0, "gleam", 2), VoteServer.tallies());
        assertEquals(java.util.Optional.of(3), VoteServer.vote("gleam"));
    }

    @Test
    @Tag("task:1")
    @DisplayName("every counted vote is broadcast with its new count, a refused one is not")
    void votesAreBroadcast() {
        PubSub.subscribe(Poll.TOPIC);
        VoteServer.vote("erlang");
        VoteServer.vote("cobol");
        VoteServer.vote("erlang");
        assertEquals(new Poll.VoteCast("erlang", 1), Process.receive(Poll.VoteCast.class, 5_000).orElse(null));
        assertEquals(new Poll.VoteCast("erlang", 2), Process.receive(Poll.VoteCast.class, 5_000).orElse(null));
    }

    @Test
    @Tag("task:1")
    @DisplayName("the counts live in the server: with the poll stopped, voting and reading fail")
    void stoppedPollAnswersNothing() {
        VoteServer.vote("elixir");
        GenServer.stop(poll);
        assertThrows(RuntimeException.class, () -> VoteServer.vote("elixir"));
        assertThrows(RuntimeException.class, VoteServer::tallies);
        assertEquals(1, repo.all(Poll.VOTE).size());
    }

    @Test
    @Tag("task:1")
    @DisplayName("votes cast at the same moment by many processes are all counted")
    void concurrentVotesAreAllCounted() throws InterruptedException {
        for (int round = 1; round <= 5; round++) {
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(VOTERS);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            for (int voter = 0; voter < VOTERS; voter++) {
                String choice = Poll.CHOICES.get(voter % Poll.CHOICES.size());
                Process.spawn(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < VOTES_EACH; i++) {
                            VoteServer.vote(choice);
                        }
                    } catch (Throwable failure) {
                        failures.add(failure);
                    } finally {
                        done.countDown();
                    }
                });
            }
            start.countDown();
            assertTrue(done.await(30, TimeUnit.SECONDS), "the voters did not finish");
            assertEquals(List.of(), new ArrayList<>(failures), "voters failed in round " + round);
            int expected = round * VOTERS * VOTES_EACH;
            int counted = VoteServer.tallies().values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(expected, counted, "votes counted after round " + round);
            assertEquals(expected, repo.all(Poll.VOTE).size(), "votes stored after round " + round);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("the supervisor has one child, votes, which is the vote server")
    void supervisorHasTheVoteServer() {
        List<ChildInfo> children = Supervisor.whichChildren(poll);
        assertEquals(List.of("votes"), children.stream().map(ChildInfo::id).toList());
        assertEquals(Process.whereis(VoteServer.NAME), children.getFirst().pid());
    }

    @Test
    @Tag("task:2")
    @DisplayName("a vote server that crashes is restarted each time, and the poll goes on")
    void crashedServerIsRestarted() {
        for (int crash = 1; crash <= 2; crash++) {
            VoteServer.vote("elixir");
            Pid server = Process.whereis(VoteServer.NAME);
            Process.exit(server, Reason.of("crashed on purpose"));
            awaitRestart(server);
        }
        assertEquals(java.util.Optional.of(3), VoteServer.vote("elixir"));
        assertTrue(Process.isAlive(poll));
    }

    @Test
    @Tag("task:3")
    @DisplayName("a missing or unknown choice is a 422 and stores nothing")
    void apiRefusesBadChoices() {
        Router router = PollRouter.build();
        Map<String, Object> invalid = Map.of("errors", Map.of("choice", List.of("is invalid")));
        assertEquals(invalid, ConnTest.jsonResponse(ConnTest.post(router, "/api/votes", Map.of()), 422));
        assertEquals(invalid, ConnTest.jsonResponse(ConnTest.post(router, "/api/votes", Map.of("choice", "cobol")), 422));
        assertTrue(repo.all(Poll.VOTE).isEmpty());
    }

    @Test
    @Tag("task:3")
    @DisplayName("the API speaks JSON only and knows only its paths")
    void apiIsJsonOnly() {
        Router router = PollRouter.build();
        Conn html = ConnTest.dispatch(router, Conn.request("GET", "/api/votes").putReqHeader("accept", "text/html"));
        assertEquals(406, html.status());
        assertEquals(404, ConnTest.get(router, "/api/polls").status());
    }

    @Test
    @Tag("task:4")
    @DisplayName("the page lists every choice with its count and a vote button")
    void pageShowsCountsAndButtons() {
        VoteServer.vote("gleam");
        try (LiveSession page = LiveTest.live(new PollLive())) {
            String html = LiveTest.render(page);
            assertTrue(html.indexOf("elixir: 0") < html.indexOf("erlang: 0") && html.indexOf("erlang: 0") < html.indexOf("gleam: 1")
                    && html.indexOf("elixir: 0") >= 0, html);
            for (String choice : Poll.CHOICES) {
                assertTrue(html.contains("phx-value-choice=\"" + choice + "\""), html);
            }
            assertTrue(html.contains("phx-click=\"vote\""), html);
        }
    }

    @Test
    @Tag("task:4")
    @DisplayName("the static render shows the counts and subscribes to nothing")
    void staticRenderDoesNotSubscribe() {
        String html = LiveTest.staticRender(new PollLive(), Map.of(), Map.of());
        assertTrue(html.contains("elixir: 0"), html);
        assertFalse(PubSub.subscribers(Poll.TOPIC).contains(Process.self()), "the static render subscribed");
    }

    @Test
    @Tag("task:4")
    @DisplayName("a vote through the API shows on an open page, and a page's vote counts once")
    void apiVoteShowsOnThePage() {
        try (LiveSession page = LiveTest.live(new PollLive())) {
            ConnTest.post(PollRouter.build(), "/api/votes", Map.of("choice", "gleam"));
            LiveTest.awaitRender(page, html -> html.contains("gleam: 1"), 5_000);
            LiveTest.renderClick(page, "vote", Map.of("choice", "erlang"));
            LiveTest.awaitRender(page, html -> html.contains("erlang: 1"), 5_000);
            assertEquals(Map.of("elixir", 0, "erlang", 1, "gleam", 1), VoteServer.tallies());
        }
    }
}
