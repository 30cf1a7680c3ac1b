import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Registry;

class ChatRoomsTest {
    Pid app;

    @BeforeEach
    void startApp() {
        app = ChatRooms.startLink();
    }

    @AfterEach
    void stopApp() {
        if (Process.isAlive(app)) {
            GenServer.stop(app);
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("a room keeps its messages in order, found by name through the Registry")
    void roomKeepsMessages() {
        Room.startLink("lobby");
        Room.post("lobby", "ada", "hi");
        Room.post("lobby", "bob", "hello");
        assertEquals(List.of("ada: hi", "bob: hello"), Room.messages("lobby"));
        assertTrue(Registry.lookup(ChatRooms.REGISTRY, "lobby").isPresent());
    }

    @Test
    @Tag("task:2")
    @DisplayName("open starts a room once and answers the same process after that")
    void openStartsOnce() {
        Pid first = ChatRooms.open("elixir");
        Pid again = ChatRooms.open("elixir");
        ChatRooms.open("java");
        assertEquals(first, again);
        assertEquals(2, ChatRooms.count());
    }

    @Test
    @Tag("task:3")
    @DisplayName("a crashed room is restarted, found by its name, and starts with no messages")
    void crashedRoomIsRestarted() {
        Pid before = ChatRooms.open("elixir");
        Room.post("elixir", "ada", "before the crash");
        Process.exit(before, Reason.of("boom"));
        long deadline = System.nanoTime() + 8_000_000_000L;
        Pid after = null;
        while (System.nanoTime() < deadline && (after == null || after.equals(before))) {
            Process.sleep(2);
            after = Registry.lookup(ChatRooms.REGISTRY, "elixir").map(Registry.Entry::pid).orElse(null);
        }
        assertNotEquals(before, after);
        Room.post("elixir", "ada", "back again");
        assertEquals(List.of("ada: back again"), Room.messages("elixir"));
    }

    @Test
    @Tag("task:3")
    @DisplayName("close stops a room and forgets its name")
    void closeStopsRoom() {
        ChatRooms.open("temporary");
        assertTrue(ChatRooms.close("temporary"));
        assertEquals(0, ChatRooms.count());
        long deadline = System.nanoTime() + 8_000_000_000L;
        while (Registry.lookup(ChatRooms.REGISTRY, "temporary").isPresent() && System.nanoTime() < deadline) {
            Process.sleep(2);
        }
        assertTrue(Registry.lookup(ChatRooms.REGISTRY, "temporary").isEmpty());
    }
}
