package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThinkTimeTest {
    private final ThinkTime classroom = Behaviour.CLASSROOM.cellThink();

    @Test
    void noPauseIsShorterThanTheMinimumAndTheirMeanIsTheMeanAsked() {
        SplittableRandom random = new SplittableRandom(15);
        int draws = 20_000;
        long total = 0;
        for (int i = 0; i < draws; i++) {
            Duration pause = classroom.next(random);
            assertTrue(pause.compareTo(Duration.ofSeconds(3)) >= 0, () -> "a pause of " + pause);
            total += pause.toMillis();
        }
        assertEquals(15_000, total / (double) draws, 15_000 * 0.03);
    }

    @Test
    void theSameSeedDrawsTheSameClass() {
        assertEquals(classroom.next(new SplittableRandom(7)), classroom.next(new SplittableRandom(7)));
    }

    @Test
    void aMeanBelowTheMinimumIsRefusedInWords() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ThinkTime(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        assertTrue(refused.getMessage().contains("minimum <= mean"));
    }
}
