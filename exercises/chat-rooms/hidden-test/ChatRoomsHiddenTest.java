import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;
import otp.Process;

class ChatRoomsHiddenTest {
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
    @DisplayName("rooms do not share messages")
    void roomsAreSeparate() {
        ChatRooms.open("a");
        ChatRooms.open("b");
        Room.post("a", "ada", "only in a");
        assertEquals(List.of("only in a"), Room.messages("a").stream().map(m -> m.substring(m.indexOf(':') + 2)).toList());
        assertEquals(List.of(), Room.messages("b"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("twenty clients released together to open the same new room all get that one room, over many rounds")
    void concurrentOpensGetOneRoom() throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            String name = "busy-" + round;
            Set<Pid> pids = ConcurrentHashMap.newKeySet();
            List<String> failures = new CopyOnWriteArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        pids.add(ChatRooms.open(name));
                    } catch (Throwable e) {
                        failures.add(e.toString());
                    }
                }));
            }
            go.countDown();
            for (Thread client : clients) {
                client.join();
            }
            assertEquals(List.of(), failures, "what the clients opening '" + name + "' threw");
            assertEquals(1, pids.size(), "rooms answered for '" + name + "'");
            assertEquals(round + 1, ChatRooms.count(), "rooms running after round " + round);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("rooms are children of the dynamic supervisor, not of the caller")
    void roomsSurviveTheirOpener() throws InterruptedException {
        Thread opener = Thread.ofVirtual().start(() -> ChatRooms.open("orphan"));
        opener.join();
        Pid room = ChatRooms.open("orphan");
        assertTrue(Process.isAlive(room));
        assertEquals(1, ChatRooms.count());
    }

    @Test
    @Tag("task:3")
    @DisplayName("closing a room that is not open answers false")
    void closingUnknownRoom() {
        assertFalse(ChatRooms.close("nowhere"));
    }
}
