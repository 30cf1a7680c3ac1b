package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import otplab.jvm.OutputListener;
import otplab.jvm.QueuePlace;

/** A learner's own lane: runs in flight, their own line behind them, refusals in words; other learners are not held up. */
class LearnerLanesTest {
    @Test
    void aLearnersExcessWaitsInTheirOwnLineWhileAnotherLearnerGoesAtOnce() throws Exception {
        LearnerLanes lanes = new LearnerLanes(1, 1, Duration.ofSeconds(30));
        lanes.enter("busy", OutputListener.NONE);
        List<QueuePlace> heard = new CopyOnWriteArrayList<>();
        Thread second = Thread.ofVirtual().start(() -> {
            try {
                lanes.enter("busy", new OutputListener() {
                    @Override
                    public void queued(QueuePlace place) {
                        heard.add(place);
                    }
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heard.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(QueuePlace.of(1, 1).inOwnLine(), heard.getFirst());

        lanes.enter("other", OutputListener.NONE);
        assertEquals(1, lanes.running("other"));
        LearnerLimitException full = assertThrows(LearnerLimitException.class, () -> lanes.enter("busy", OutputListener.NONE));
        assertEquals("you already have 1 run going and 1 waiting, the most one learner may have at once: let them finish"
                + " (or stop one) before starting another", full.getMessage());

        lanes.exit("busy");
        second.join(10_000);
        assertEquals(1, lanes.running("busy"));
    }

    @Test
    void aRunThatWaitedTheWholeQueueWaitBehindTheLearnersOwnRunsIsRefusedInWords() throws Exception {
        LearnerLanes lanes = new LearnerLanes(2, 4, Duration.ofMillis(300));
        lanes.enter("busy", OutputListener.NONE);
        lanes.enter("busy", OutputListener.NONE);
        LearnerLimitException gaveUp = assertThrows(LearnerLimitException.class, () -> lanes.enter("busy", OutputListener.NONE));
        assertEquals("your other 2 runs were still going after 300 ms, so this one stopped waiting (it was 1st in line, about 1 s"
                + " behind them): let them finish (or stop one), then run it again", gaveUp.getMessage());
        assertEquals(2, lanes.running("busy"));
    }
}
