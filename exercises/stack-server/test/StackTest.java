import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.GenServer;
import otp.Pid;

class StackTest {
    @Test
    @Tag("task:1")
    @DisplayName("pop answers the top, which is the first initial item")
    void popAnswersTheTop() {
        Pid stack = Stack.startLink(List.of("a", "b"));
        assertEquals(Optional.of("a"), Stack.pop(stack));
        assertEquals(Optional.of("b"), Stack.pop(stack));
        GenServer.stop(stack);
    }

    @Test
    @Tag("task:1")
    @DisplayName("a pushed item is popped first")
    void pushedItemIsPoppedFirst() {
        Pid stack = Stack.startLink(List.of("bottom"));
        Stack.push(stack, "top");
        assertEquals(Optional.of("top"), Stack.pop(stack));
        GenServer.stop(stack);
    }

    @Test
    @Tag("task:1")
    @DisplayName("pop on an empty stack answers empty")
    void popOnEmptyAnswersEmpty() {
        Pid stack = Stack.startLink(List.of());
        assertEquals(Optional.empty(), Stack.pop(stack));
        GenServer.stop(stack);
    }

    @Test
    @Tag("task:2")
    @DisplayName("peek shows the top without removing it, size counts the items")
    void peekAndSize() {
        Pid stack = Stack.startLink(List.of("x", "y", "z"));
        assertEquals(Optional.of("x"), Stack.peek(stack));
        assertEquals(3, Stack.size(stack));
        GenServer.stop(stack);
    }

    @Test
    @Tag("task:3")
    @DisplayName("pushAll pushes in order and answers the new size")
    void pushAllPushesInOrder() {
        Pid stack = Stack.startLink(List.of("old"));
        assertEquals(3, Stack.pushAll(stack, List.of("first", "last")));
        assertEquals(Optional.of("last"), Stack.pop(stack));
        GenServer.stop(stack);
    }
}
