import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.data.Repo;
import otp.live.LiveSession;
import otp.live.LiveTest;
import otp.web.Conn;
import otp.web.ConnTest;
import otp.web.Router;

class LivePollTest {
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
        repo.close();
    }

    /** Waits until the vote server's name belongs to a process other than old, failing after 5 s. */
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
    @DisplayName("a vote is stored, counted and answered with the choice's new count")
    void voteIsStoredAndCounted() {
        assertEquals(Optional.of(1), VoteServer.vote("elixir"));
        assertEquals(Optional.of(2), VoteServer.vote("elixir"));
        assertEquals(Optional.of(1), VoteServer.vote("gleam"));
        Map<String, Integer> tallies = VoteServer.tallies();
        assertEquals(Map.of("elixir", 2, "erlang", 0, "gleam", 1), tallies);
        assertEquals(Poll.CHOICES, List.copyOf(tallies.keySet()));
        assertEquals(3, repo.all(Poll.VOTE).size());
    }

    @Test
    @Tag("task:1")
    @DisplayName("a choice that is not in the poll is not counted and not stored")
    void unknownChoiceIsNotCounted() {
        assertEquals(Optional.empty(), VoteServer.vote("cobol"));
        assertEquals(Map.of("elixir", 0, "erlang", 0, "gleam", 0), VoteServer.tallies());
        assertTrue(repo.all(Poll.VOTE).isEmpty());
    }

    @Test
    @Tag("task:2")
    @DisplayName("a killed vote server comes back with the counts it had")
    void restartedServerKeepsTheCounts() {
        VoteServer.vote("erlang");
        VoteServer.vote("erlang");
        Pid server = Process.whereis(VoteServer.NAME);
        assertNotNull(server, "no process is registered as " + VoteServer.NAME);
        Process.exit(server, Reason.KILL);
        awaitRestart(server);
        assertEquals(Map.of("elixir", 0, "erlang", 2, "gleam", 0), VoteServer.tallies());
    }

    @Test
    @Tag("task:3")
    @DisplayName("POST /api/votes casts a vote and GET /api/votes lists the counts")
    void apiCastsAndLists() {
        Router router = PollRouter.build();
        Conn cast = ConnTest.post(router, "/api/votes", Map.of("choice", "erlang"));
        assertEquals(Map.of("data", Map.of("choice", "erlang", "count", 1L)), ConnTest.jsonResponse(cast, 201));
        assertEquals(Map.of("data", Map.of("elixir", 0L, "erlang", 1L, "gleam", 0L)),
                ConnTest.jsonResponse(ConnTest.get(router, "/api/votes"), 200));
    }

    @Test
    @Tag("task:4")
    @DisplayName("a vote on one page shows on every open page")
    void voteShowsOnEveryPage() {
        try (LiveSession ada = LiveTest.live(new PollLive()); LiveSession bob = LiveTest.live(new PollLive())) {
            assertTrue(LiveTest.render(bob).contains("elixir: 0"), LiveTest.render(bob));
            LiveTest.renderClick(ada, "vote", Map.of("choice", "elixir"));
            String bobSees = LiveTest.awaitRender(bob, html -> html.contains("elixir: 1"), 5_000);
            assertTrue(bobSees.contains("erlang: 0") && bobSees.contains("gleam: 0"), bobSees);
            LiveTest.awaitRender(ada, html -> html.contains("elixir: 1"), 5_000);
        }
    }
}
