import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;
import otp.Process;

class KvStoreTest {
    private static final AtomicInteger STORES = new AtomicInteger();
    private String name;

    @BeforeEach
    void startStore() {
        name = "kv-" + STORES.incrementAndGet();
    }

    @AfterEach
    void stopStore() {
        if (Process.whereis(name) != null) {
            GenServer.stop(name);
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("startLink starts a live process under the given name")
    void startLinkRegistersTheStore() {
        Pid pid = KvStore.startLink(name);
        assertNotNull(pid);
        assertTrue(Process.isAlive(pid));
        assertEquals(pid, Process.whereis(name));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a stored value can be read back")
    void putThenGet() {
        KvStore.startLink(name);
        KvStore.put(name, "language", "elixir");
        assertEquals(Optional.of("elixir"), KvStore.get(name, "language"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a key never stored reads as empty")
    void missingKeyIsEmpty() {
        KvStore.startLink(name);
        assertEquals(Optional.empty(), KvStore.get(name, "nothing"));
    }

    @Test
    @Tag("task:3")
    @DisplayName("a deleted key reads as empty")
    void deleteRemovesTheKey() {
        KvStore.startLink(name);
        KvStore.put(name, "a", "1");
        KvStore.delete(name, "a");
        assertEquals(Optional.empty(), KvStore.get(name, "a"));
    }

    @Test
    @Tag("task:4")
    @DisplayName("keys come back in alphabetical order")
    void keysAreSorted() {
        KvStore.startLink(name);
        KvStore.put(name, "pear", "3");
        KvStore.put(name, "apple", "1");
        KvStore.put(name, "fig", "2");
        assertEquals(List.of("apple", "fig", "pear"), KvStore.keys(name));
    }
}
