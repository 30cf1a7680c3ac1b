package otplab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerRoleTest {

    @Test
    void aGradingWorkerIsToldHowManySampleGradingsWarmItUp() {
        assertEquals(List.of("--role", "grading", "--warm-up", "2"), WorkerRole.grading(2).arguments());
        assertEquals(List.of("--role", "grading"), WorkerRole.grading(0).arguments());
        assertEquals(List.of("--role", "notebook"), WorkerRole.NOTEBOOK.arguments());
    }

    @Test
    void onlyAGradingWorkerWarmsUpAndNeverANegativeNumberOfTimes() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerRole("notebook", 1));
        assertThrows(IllegalArgumentException.class, () -> WorkerRole.grading(-1));
        assertThrows(IllegalArgumentException.class, () -> new WorkerRole("shell", 0));
    }
}
