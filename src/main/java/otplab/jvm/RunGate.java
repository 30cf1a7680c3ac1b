package otplab.jvm;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The door every run and grading passes through, so a stopping server can drain: after
 * {@link #close()} nothing new gets in (it is told the server is shutting down), while what is
 * already inside finishes and is counted out; {@link #awaitEmpty} waits for that, bounded.
 *
 * <pre>{@code
 * try (RunGate.Pass pass = workers.gate().enter()) {
 *     ... run, then deliver the result ...
 * }
 * }</pre>
 */
public final class RunGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();
    private int inside;
    private boolean closed;

    /** One run or grading inside the gate; closing it lets the gate drain. */
    public interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Lets one run or grading in.
     *
     * @throws ShuttingDownException once the gate is closed
     */
    public Pass enter() throws ShuttingDownException {
        lock.lock();
        try {
            if (closed) {
                throw new ShuttingDownException();
            }
            inside++;
        } finally {
            lock.unlock();
        }
        return new Pass() {
            private boolean left;

            @Override
            public void close() {
                lock.lock();
                try {
                    if (!left) {
                        left = true;
                        inside--;
                        if (inside == 0) {
                            empty.signalAll();
                        }
                    }
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /** Refuses every later {@link #enter()}; what is inside carries on. */
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Runs and gradings inside now. */
    public int inside() {
        lock.lock();
        try {
            return inside;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is inside or {@code limit} has passed; true when the gate is empty. */
    public boolean awaitEmpty(Duration limit) throws InterruptedException {
        long remaining = limit.toNanos();
        lock.lock();
        try {
            while (inside > 0 && remaining > 0) {
                remaining = empty.awaitNanos(remaining);
            }
            return inside == 0;
        } finally {
            lock.unlock();
        }
    }
}
