package otplab.worker.policy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one long-lived thread that runs every snippet of a session, so the session is a single
 * {@code otp} process (like IEx's shell): a message sent to {@code self()} in one cell is received
 * in the next, and links, trapped exits and awaited tasks outlive the statement that made them.
 */
final class SessionThread {
    private record Work(Callable<String> body, CompletableFuture<String> result) {}

    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    SessionThread() {
        thread = new Thread(this::serve, "otplab-session");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code body} on the session thread and waits for it; its exception is rethrown as is. */
    String run(Callable<String> body) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        queue.add(new Work(body, result));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException ignored) {
                    interrupted = true;
                } catch (ExecutionException failed) {
                    if (failed.getCause() instanceof Exception exception) {
                        throw exception;
                    }
                    throw (Error) failed.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Interrupts whatever the session is waiting on (sleep, receive, await). */
    void interrupt() {
        thread.interrupt();
    }

    /** Ends the thread once it is idle: the notebook it served is gone. */
    void close() {
        closed = true;
        thread.interrupt();
    }

    private void serve() {
        while (!closed) {
            Work work;
            try {
                work = queue.take();
            } catch (InterruptedException stopAskedWhileIdle) {
                continue;
            }
            Thread.interrupted();
            try {
                work.result().complete(work.body().call());
            } catch (Throwable failed) {
                work.result().completeExceptionally(failed);
            }
        }
    }
}
