package otp;

import static org.junit.jupiter.api.Assertions.*;
import static otp.ProcessTestSupport.next;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessTestSupport.class)
class SupervisorIntensityTest {

    @Test
    void defaultsAreThreeRestartsInFiveSeconds() {
        Supervisor.Flags flags = Supervisor.Flags.defaults();
        assertEquals(3, flags.intensity());
        assertEquals(5, flags.period());
        assertEquals(Strategy.ONE_FOR_ONE, flags.strategy());
    }

    @Test
    void exceedingTheIntensityShutsDownTheSupervisorAndItsChildren() {
        Process.trapExit(true);
        Pid me = Process.self();
        Pid sup = Supervisor.startLink(List.of(Worker.spec("ia", me), Worker.spec("ib", me)),
                Supervisor.Flags.builder().intensity(2).period(5).build());
        next();
        next();
        for (int i = 0; i < 2; i++) {
            Worker.crash("ib");
            assertEquals("start ib", next());
        }
        Worker.crash("ib");
        assertEquals("stop ia", next());
        Exit exit = next(Exit.class);
        assertEquals(sup, exit.from());
        assertEquals(Reason.SHUTDOWN, exit.reason());
        assertTrue(ProcessTestSupport.LOG.stream().anyMatch(l -> l.contains("maximum restart intensity")));
    }

    @Test
    void oneRestartMoreThanTheIntensityWithinThePeriodIsRefused() {
        RestartIntensity intensity = new RestartIntensity(1, 1);
        assertTrue(intensity.allowRestart());
        assertFalse(intensity.allowRestart());
    }

    @Test
    void invalidFlagsAreRejectedAtBuild() {
        assertThrows(IllegalArgumentException.class, () -> Supervisor.Flags.builder().intensity(-1).build());
        assertThrows(IllegalArgumentException.class, () -> Supervisor.Flags.builder().period(0).build());
    }
}
