package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class SupervisorOneForAllTest {

    @Test
    void restartsAllChildrenUnderOneForAllStoppingTheOthersInReverseOrder() {
        Pid me = Process.self();
        Supervisor.startLink(List.of(Worker.spec("oa", me), Worker.spec("ob", me), Worker.spec("oc", me)),
                Supervisor.Flags.of(Strategy.ONE_FOR_ALL));
        next();
        next();
        next();
        Worker.crash("ob");
        assertEquals(List.of("stop oc", "stop oa", "start oa", "start ob", "start oc"),
                List.of(next(), next(), next(), next(), next()));
    }
}
