package otplab.jvm;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The machine's budget of live workers ({@link WorkerSettings#maxWorkers()}), shared by every
 * client of the floor: a notebook session or a one-shot run holds a permit for its worker, a
 * grading for its own. Without a free permit a caller waits in one fair queue, at most
 * {@link WorkerSettings#queueWait()}.
 */
public final class WorkerPermits {
    private final Semaphore permits;
    private final int max;
    private final Duration queueWait;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile BooleanSupplier freeOne = () -> false;

    WorkerPermits(WorkerSettings settings) {
        this.max = settings.maxWorkers();
        this.queueWait = settings.queueWait();
        this.permits = new Semaphore(max, true);
    }

    /** What to try before queueing: a client that can give a permit back (an idle session) does so and says true. */
    public void whenExhausted(BooleanSupplier freeOne) {
        this.freeOne = Objects.requireNonNull(freeOne, "freeOne must not be null");
    }

    /** Takes a permit, waiting in the queue when none is free; {@code listener} hears where it stands. */
    public void acquire(OutputListener listener) throws WorkersBusyException {
        if (!permits.tryAcquire() && !(freeOne.getAsBoolean() && permits.tryAcquire())) {
            int waiting = queued.incrementAndGet();
            listener.queued(waiting);
            try {
                if (!permits.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new WorkersBusyException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkersBusyException();
            } finally {
                queued.decrementAndGet();
            }
        }
    }

    public void release() {
        permits.release();
    }

    /** Runs work that holds a worker of its own (a grading) under a permit. */
    public <T> T with(Supplier<T> work) throws WorkersBusyException {
        Objects.requireNonNull(work, "work must not be null");
        acquire(OutputListener.NONE);
        try {
            return work.get();
        } finally {
            release();
        }
    }

    public int busy() {
        return max - permits.availablePermits();
    }

    public int queued() {
        return queued.get();
    }

    public int max() {
        return max;
    }
}
