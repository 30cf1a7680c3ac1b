package otp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

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
}
