package otp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketTest {
    @Test
    void assignReturnsANewSocketAndLeavesTheOldOneAlone() {
        Socket empty = Socket.initial(true);
        Socket one = empty.assign("count", 1);
        assertEquals(Map.of(), empty.assigns());
        assertEquals(1, (int) one.get("count"));
    }

    @Test
    void assignTakesSeveralValuesAtOnce() {
        assertEquals(Map.of("a", 1, "b", 2), Socket.initial(true).assign(Map.of("a", 1, "b", 2)).assigns());
    }

    @Test
    void updateAppliesAFunctionToAnAssign() {
        Socket s = Socket.initial(true).assign("count", 1).<Integer>update("count", n -> n * 10);
        assertEquals(10, (int) s.get("count"));
    }

    @Test
    void readingAMissingAssignNamesTheOnesThatExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Socket.initial(true).assign("count", 1).get("cuont"));
        assertTrue(e.getMessage().contains("[count]"), e.getMessage());
    }

    @Test
    void connectedTellsALiveProcessFromAStaticRender() {
        assertTrue(Socket.initial(true).connected());
        assertTrue(!Socket.initial(false).connected());
    }
}
