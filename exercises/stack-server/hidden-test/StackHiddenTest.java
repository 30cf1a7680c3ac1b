import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
    @DisplayName("the caller's list is not shared with the server")
    void initialListIsCopied() {
        List<String> mine = new ArrayList<>(List.of("a"));
        Pid stack = Stack.startLink(mine);
        mine.add(0, "sneaky");
        assertEquals(Optional.of("a"), Stack.pop(stack));
        GenServer.stop(stack);
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
}
