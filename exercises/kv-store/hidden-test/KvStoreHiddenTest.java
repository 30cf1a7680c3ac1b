import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Process;

class KvStoreHiddenTest {
    private static final String NAME = "kv-hidden";

    @AfterEach
    void stopStore() {
        if (Process.whereis(NAME) != null) {
            GenServer.stop(NAME);
        }
    }

    @Test
    @Tag("task:2")
    @DisplayName("a second put replaces the first value")
    void putReplaces() {
        KvStore.startLink(NAME);
        KvStore.put(NAME, "k", "old");
        KvStore.put(NAME, "k", "new");
        assertEquals(Optional.of("new"), KvStore.get(NAME, "k"));
        assertEquals(List.of("k"), KvStore.keys(NAME));
    }

    @Test
    @Tag("task:3")
    @DisplayName("deleting a missing key leaves the store working")
    void deletingAMissingKeyIsHarmless() {
        KvStore.startLink(NAME);
        KvStore.delete(NAME, "ghost");
        KvStore.put(NAME, "real", "yes");
        assertEquals(List.of("real"), KvStore.keys(NAME));
    }

    @Test
    @Tag("task:4")
    @DisplayName("a fresh store has no keys")
    void freshStoreHasNoKeys() {
        KvStore.startLink(NAME);
        assertEquals(List.of(), KvStore.keys(NAME));
    }

    @Test
    @Tag("task:2")
    @DisplayName("many writes from one process are all kept, in order")
    void manyWritesAreKept() {
        KvStore.startLink(NAME);
        for (int i = 0; i < 200; i++) {
            KvStore.put(NAME, "n", Integer.toString(i));
        }
        assertEquals(Optional.of("199"), KvStore.get(NAME, "n"));
    }
}
