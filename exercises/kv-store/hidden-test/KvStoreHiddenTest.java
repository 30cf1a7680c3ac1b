import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.From;
import otp.GenServer;
import otp.NoProcException;
import otp.Process;

class KvStoreHiddenTest {
    private static final String NAME = "kv-hidden";

    private static final String OTHER = "kv-hidden-other";
    private static final String RECORDER = "kv-hidden-recorder";

    @AfterEach
    void stopStore() {
        for (String name : List.of(NAME, OTHER, RECORDER)) {
            if (Process.whereis(name) != null) {
                GenServer.stop(name);
            }
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("stores under different names keep separate maps")
    void storesAreSeparate() {
        KvStore.startLink(NAME);
        KvStore.startLink(OTHER);
        KvStore.put(NAME, "k", "mine");
        KvStore.put(OTHER, "k", "theirs");
        KvStore.put(OTHER, "only-there", "x");
        assertEquals(Optional.of("mine"), KvStore.get(NAME, "k"));
        assertEquals(List.of("k"), KvStore.keys(NAME));
        assertEquals(List.of("k", "only-there"), KvStore.keys(OTHER));
    }

    @Test
    @Tag("task:1")
    @DisplayName("a stopped store answers noproc: its map lived in the process")
    void aStoppedStoreAnswersNoproc() {
        KvStore.startLink(NAME);
        KvStore.put(NAME, "k", "v");
        GenServer.stop(NAME);
        assertThrows(NoProcException.class, () -> KvStore.get(NAME, "k"), "get on a stopped store");
        assertThrows(NoProcException.class, () -> KvStore.keys(NAME), "keys on a stopped store");
    }

    @Test
    @Tag("task:2")
    @DisplayName("put and delete send casts: the store is not asked for an answer")
    void putAndDeleteAreCasts() {
        GenServer.startLink(new Recorder(), null, RECORDER);
        KvStore.put(RECORDER, "k", "v");
        KvStore.delete(RECORDER, "k");
        assertEquals(List.of("cast", "cast"), GenServer.call(RECORDER, Recorder.SEEN), "what put and delete sent");
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

    /** A stand-in server that notes whether each message came as a call or a cast; calls are answered with empty. */
    static final class Recorder implements GenServer<Void, List<String>> {
        static final String SEEN = "recorder: what did you see?";

        @Override
        public Init<List<String>> init(Void arg) {
            return GenServer.ok(new ArrayList<>());
        }

        @Override
        public CallResult<List<String>> handleCall(Object request, From from, List<String> seen) {
            if (SEEN.equals(request)) {
                return GenServer.reply(List.copyOf(seen), seen);
            }
            seen.add("call");
            return GenServer.reply(Optional.empty(), seen);
        }

        @Override
        public CastResult<List<String>> handleCast(Object message, List<String> seen) {
            seen.add("cast");
            return GenServer.noreply(seen);
        }
    }
}
