import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.From;
import otp.GenServer;
import otp.Pid;

class StackHiddenTest {
    @Test
    @Tag("task:1")
    @DisplayName("a hundred pushes then a hundred pops come back in reverse order")
    void pushesComeBackReversed() {
        Pid stack = Stack.startLink(List.of());
        for (int i = 0; i < 100; i++) {
            Stack.push(stack, "item" + i);
        }
        List<String> popped = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            popped.add(Stack.pop(stack).orElseThrow());
        }
        assertEquals("item99", popped.getFirst());
        assertEquals("item0", popped.getLast());
        assertEquals(Optional.empty(), Stack.pop(stack));
        GenServer.stop(stack);
    }

    @Test
    @Tag("task:1")
    @DisplayName("two stacks are separate processes, each with its own items")
    void stacksAreSeparate() {
        Pid first = Stack.startLink(List.of("a"));
        Pid second = Stack.startLink(List.of("x", "y"));
        Stack.push(first, "b");
        assertEquals(Optional.of("x"), Stack.pop(second));
        assertEquals(Optional.of("b"), Stack.pop(first));
        assertEquals(Optional.of("a"), Stack.pop(first));
        assertEquals(Optional.of("y"), Stack.pop(second));
        GenServer.stop(first);
        GenServer.stop(second);
    }

    @Test
    @Tag("task:1")
    @DisplayName("push sends a cast: the server is not asked for an answer")
    void pushIsACast() {
        Pid recorder = GenServer.startLink(new Recorder(), null);
        Stack.push(recorder, "item");
        assertEquals(List.of("cast"), GenServer.call(recorder, Recorder.SEEN), "what push sent to the server");
        GenServer.stop(recorder);
    }

    @Test
    @Tag("task:3")
    @DisplayName("pushAll sends one call and waits for its answer")
    void pushAllIsOneCall() {
        Pid recorder = GenServer.startLink(new Recorder(), null);
        Stack.pushAll(recorder, List.of("a", "b", "c"));
        assertEquals(List.of("call"), GenServer.call(recorder, Recorder.SEEN), "what pushAll sent to the server");
        GenServer.stop(recorder);
    }

    @Test
    @Tag("task:2")
    @DisplayName("peek and size on an empty stack answer empty and zero, and pop then changes size")
    void peekAndSizeOnEmpty() {
        Pid stack = Stack.startLink(List.of("only"));
        Stack.pop(stack);
        assertEquals(Optional.empty(), Stack.peek(stack));
        assertEquals(0, Stack.size(stack));
        GenServer.stop(stack);
    }

    @Test
    @Tag("task:3")
    @DisplayName("pushAll of nothing answers the unchanged size")
    void pushAllOfNothing() {
        Pid stack = Stack.startLink(List.of("a", "b"));
        assertEquals(2, Stack.pushAll(stack, List.of()));
        assertEquals(Optional.of("a"), Stack.peek(stack));
        GenServer.stop(stack);
    }

    /** A stand-in server that notes whether each message came as a call or a cast; calls are answered with 0. */
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
            return GenServer.reply(0, seen);
        }

        @Override
        public CastResult<List<String>> handleCast(Object message, List<String> seen) {
            seen.add("cast");
            return GenServer.noreply(seen);
        }
    }
}
