package otplab.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Freed workers go round-robin across learners' lines, and a waiting run knows its place. */
class WorkerPermitsTest {
    private static WorkerPermits permits(int max, Duration queueWait) {
        return new WorkerPermits(WorkerSettings.builder().maxWorkers(max).queueWait(queueWait).build());
    }

    /** Starts a thread that waits for a permit as {@code learner}, records its turn and gives the permit back. */
    private static Thread waiter(WorkerPermits permits, String learner, List<String> served, Map<String, QueuePlace> places,
            String name) {
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                permits.acquire(learner, new OutputListener() {
                    @Override
                    public void queued(QueuePlace place) {
                        places.putIfAbsent(name, place);
                    }
                });
                synchronized (served) {
                    served.add(name);
                }
                permits.release();
            } catch (WorkersBusyException e) {
                throw new AssertionError(e);
            }
        });
        return thread;
    }

    private static void awaitQueued(WorkerPermits permits, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (permits.queued() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, permits.queued());
    }

    @Test
    void servesWaitingLearnersInTurnInsteadOfFirstComeFirstServed() throws Exception {
        WorkerPermits permits = permits(1, Duration.ofSeconds(30));
        permits.acquire("holder", OutputListener.NONE);
        List<String> served = new ArrayList<>();
        Map<String, QueuePlace> places = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            threads.add(waiter(permits, "busy", served, places, "busy-" + i));
            awaitQueued(permits, i);
        }
        threads.add(waiter(permits, "other", served, places, "other-1"));
        awaitQueued(permits, 4);

        permits.release();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(List.of("busy-1", "other-1", "busy-2", "busy-3"), served);
        assertEquals(2, places.get("other-1").position(), "the other learner waits behind one run, not three");
        assertEquals(4, places.get("other-1").waiting());
        assertEquals(0, permits.busy());
    }

    @Test
    void gradingsOfOneLearnerShareTheirLineInsteadOfEachTakingATurn() throws Exception {
        WorkerPermits permits = permits(1, Duration.ofSeconds(30));
        permits.acquire("holder", OutputListener.NONE);
        List<String> served = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (String grading : List.of("many-1", "many-2", "other-1")) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    permits.with(grading.substring(0, grading.indexOf('-')), () -> {
                        synchronized (served) {
                            return served.add(grading);
                        }
                    });
                } catch (WorkersBusyException e) {
                    throw new AssertionError(e);
                }
            }));
            awaitQueued(permits, threads.size());
        }
        permits.release();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(List.of("many-1", "other-1", "many-2"), served);
    }

    @Test
    void aRunThatWaitedTooLongIsRefusedWithItsPlace() throws Exception {
        WorkerPermits permits = permits(1, Duration.ofMillis(300));
        permits.acquire("holder", OutputListener.NONE);
        WorkersBusyException refused = assertThrows(WorkersBusyException.class, () -> permits.acquire("late", OutputListener.NONE));
        assertEquals(1, refused.place().orElseThrow().position());
        assertTrue(refused.getMessage().contains("1st in line"), refused.getMessage());
        assertEquals(0, permits.queued());
    }

    @Test
    void theNextInLineAsksForAnIdleWorkerToBeFreedWhileItWaits() throws Exception {
        WorkerPermits permits = permits(1, Duration.ofSeconds(30));
        permits.acquire("idle session", OutputListener.NONE);
        CountDownLatch parkable = new CountDownLatch(1);
        permits.whenExhausted(() -> {
            if (parkable.getCount() > 0) {
                return false;
            }
            permits.release();
            return true;
        });
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                permits.acquire("runner", OutputListener.NONE);
            } catch (WorkersBusyException e) {
                throw new AssertionError(e);
            }
        });
        awaitQueued(permits, 1);
        parkable.countDown();
        waiting.join(10_000);
        assertEquals(0, permits.queued());
        assertEquals(1, permits.busy());
    }
}
