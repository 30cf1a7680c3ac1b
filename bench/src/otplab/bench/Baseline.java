package otplab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The naive floor: a bare virtual thread reading a {@link LinkedTransferQueue} per process,
 * replies through a {@link SynchronousQueue}. No names, links, monitors, tracing or
 * timeouts, so it shows what virtual threads alone cost on this machine.
 */
final class Baseline implements Contender {
    private static final Object STOP = new Object();
    private static final Object CAST = new Object();
    private static final Object CRASH = new Object();

    private record Request(Object body, BlockingQueue<Object> replyTo) {}

    private record Token(int hops) {}

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public Loops.Rate calls(long minNanos) throws Exception {
        var inbox = new LinkedTransferQueue<Object>();
        Thread server = Thread.startVirtualThread(() -> {
            int handled = 0;
            while (true) {
                Object message = take(inbox);
                if (message == STOP) {
                    return;
                }
                Request request = (Request) message;
                put(request.replyTo(), ++handled);
            }
        });
        try {
            return Loops.inVirtualThread(() -> {
                var replies = new SynchronousQueue<Object>();
                return Loops.repeat(minNanos, () -> {
                    inbox.put(new Request("ping", replies));
                    replies.take();
                });
            });
        } finally {
            inbox.put(STOP);
            server.join();
        }
    }

    @Override
    public long castNanos(int messages) throws Exception {
        var inbox = new LinkedTransferQueue<Object>();
        Thread server = Thread.startVirtualThread(() -> {
            int handled = 0;
            while (true) {
                Object message = take(inbox);
                if (message == CAST) {
                    handled++;
                } else if (message instanceof Request request) {
                    put(request.replyTo(), handled);
                    return;
                }
            }
        });
        long nanos = Loops.inVirtualThread(() -> {
            var replies = new SynchronousQueue<Object>();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                inbox.put(CAST);
            }
            inbox.put(new Request("count", replies));
            int handled = (Integer) replies.take();
            long elapsed = System.nanoTime() - start;
            Loops.check(handled == messages, "baseline server handled " + handled + " of " + messages + " casts");
            return elapsed;
        });
        server.join();
        return nanos;
    }

    @Override
    public Population spawnWaiting(int count) throws Exception {
        var started = new CountDownLatch(count);
        var ended = new CountDownLatch(count);
        List<LinkedTransferQueue<Object>> inboxes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var inbox = new LinkedTransferQueue<Object>();
            inboxes.add(inbox);
            Thread.startVirtualThread(() -> {
                started.countDown();
                take(inbox);
                ended.countDown();
            });
        }
        started.await();
        return () -> {
            for (var inbox : inboxes) {
                inbox.put(STOP);
            }
            ended.await();
        };
    }

    @Override
    public Restarts supervisedChild() {
        return new NaiveSupervisor();
    }

    /** Restarts its one child when the child's thread ends; the current child is published in a field. */
    private static final class NaiveSupervisor implements Restarts {
        private record Child(int incarnation, LinkedTransferQueue<Object> inbox, Thread thread) {}

        private final AtomicReference<Child> current = new AtomicReference<>();
        private volatile boolean stopping;
        private final Thread supervisor;

        NaiveSupervisor() {
            supervisor = Thread.startVirtualThread(this::superviseForever);
            while (current.get() == null) {
                Thread.onSpinWait();
            }
        }

        private void superviseForever() {
            int incarnation = 0;
            while (!stopping) {
                var inbox = new LinkedTransferQueue<Object>();
                int self = ++incarnation;
                Thread thread = Thread.startVirtualThread(() -> serve(self, inbox));
                current.set(new Child(self, inbox, thread));
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static void serve(int incarnation, LinkedTransferQueue<Object> inbox) {
            try {
                while (true) {
                    Object message = take(inbox);
                    if (message == STOP) {
                        return;
                    }
                    if (message == CRASH) {
                        throw new IllegalStateException("crash requested");
                    }
                    put(((Request) message).replyTo(), incarnation);
                }
            } catch (IllegalStateException crash) {
                // the thread ends; the supervisor's join returns and it starts the next incarnation
            }
        }

        @Override
        public long[] crashAndCallAgain(int times) throws Exception {
            return Loops.inVirtualThread(() -> {
                var replies = new SynchronousQueue<Object>();
                long[] nanos = new long[times];
                for (int i = 0; i < times; i++) {
                    Child old = current.get();
                    long start = System.nanoTime();
                    old.inbox().put(CRASH);
                    Child fresh;
                    while ((fresh = current.get()) == old) {
                        Thread.yield();
                    }
                    fresh.inbox().put(new Request("ping", replies));
                    int answeredBy = (Integer) replies.take();
                    nanos[i] = System.nanoTime() - start;
                    Loops.check(answeredBy == old.incarnation() + 1, "baseline answer came from the wrong incarnation");
                }
                return nanos;
            });
        }

        @Override
        public void close() throws Exception {
            stopping = true;
            current.get().inbox().put(STOP);
            supervisor.join();
        }
    }

    @Override
    public Ring ring(int size) throws Exception {
        List<LinkedTransferQueue<Object>> inboxes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            inboxes.add(new LinkedTransferQueue<>());
        }
        var lap = new AtomicReference<CompletableFuture<Void>>();
        var ended = new CountDownLatch(size);
        for (int i = 0; i < size; i++) {
            var inbox = inboxes.get(i);
            var next = inboxes.get((i + 1) % size);
            Thread.startVirtualThread(() -> {
                while (true) {
                    Object message = take(inbox);
                    if (message == STOP) {
                        next.put(STOP);
                        ended.countDown();
                        return;
                    }
                    int hops = ((Token) message).hops();
                    if (hops == 0) {
                        lap.get().complete(null);
                    } else {
                        next.put(new Token(hops - 1));
                    }
                }
            });
        }
        return new Ring() {
            @Override
            public long lapsNanos(int laps) throws Exception {
                var done = new CompletableFuture<Void>();
                lap.set(done);
                long start = System.nanoTime();
                inboxes.getFirst().put(new Token(laps * size - 1));
                done.get(Loops.MAX_WAIT_SECONDS, TimeUnit.SECONDS);
                return System.nanoTime() - start;
            }

            @Override
            public void close() throws Exception {
                inboxes.getFirst().put(STOP);
                ended.await();
            }
        };
    }

    @Override
    public void close() {
        // nothing outlives a measurement
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return STOP;
        }
    }

    private static void put(BlockingQueue<Object> queue, Object message) {
        try {
            queue.put(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
