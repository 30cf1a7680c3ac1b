package otp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class AgentTest {

    @Test
    void getAndUpdateWorkOnTheAgentsState() {
        Pid agent = Agent.startLink(() -> 0);
        Agent.update(agent, (Integer n) -> n + 1);
        Agent.<Integer>cast(agent, n -> n + 10);
        int value = Agent.get(agent, (Integer n) -> n);
        assertEquals(11, value);
    }

    @Test
    void namedAgentIsReachableByName() {
        Agent.startLink(() -> new ArrayList<String>(), "agent_names");
        Agent.update("agent_names", (List<String> l) -> { l.add("x"); return l; });
        assertEquals(1, (int) Agent.get("agent_names", (List<String> l) -> l.size()));
    }

    @Test
    void getAndUpdateReturnsOneValueAndKeepsAnotherAsTheNewState() {
        Pid agent = Agent.startLink(() -> 10);
        int before = Agent.getAndUpdate(agent, (Integer n) -> Agent.pair(n, n * 2));
        assertEquals(10, before);
        assertEquals(20, (int) Agent.get(agent, (Integer n) -> n));
    }

    @Test
    void getWithATimeoutGivesUpOnABusyAgent() {
        Pid agent = Agent.startLink(() -> 0);
        Agent.cast(agent, (Integer n) -> {
            Process.sleep(300);
            return n;
        });
        CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> Agent.get(agent, (Integer n) -> n, 10));
        assertEquals(10, e.timeoutMs());
    }
}
