package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class SupervisorRestForOneTest {

    @Test
    void restartsTheCrashedChildAndThoseStartedAfterItUnderRestForOne() {
        Pid me = Process.self();
        Supervisor.startLink(List.of(Worker.spec("ra", me), Worker.spec("rb", me), Worker.spec("rc", me)),
                Supervisor.Flags.of(Strategy.REST_FOR_ONE));
        next();
        next();
        next();
        Pid a = Process.whereis("ra");
        Worker.crash("rb");
        assertEquals(List.of("stop rc", "start rb", "start rc"), List.of(next(), next(), next()));
        assertEquals(a, Process.whereis("ra"));
        assertTrue(Process.receive(String.class, 30).isEmpty());
    }
}
