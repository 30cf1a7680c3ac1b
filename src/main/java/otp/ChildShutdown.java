package otp;

import java.util.HashMap;
import java.util.Map;

/**
 * Stops children the way supervisor.erl does: monitor, unlink, take an exit that already arrived,
 * then exit shutdown (or kill) and wait for the DOWN, killing a child whose shutdown time ran out.
 * {@link #stopAll} asks every child at the same moment and waits for them together, as a dynamic
 * supervisor does; {@link #stop} is the one-child case a static supervisor uses in order.
 */
final class ChildShutdown {
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private ChildShutdown() {
    }

    /** One child being stopped: its deadline is when it gets killed (NO_DEADLINE once killed, or never). */
    private static final class Stopping {
        final Pid pid;
        final Shutdown shutdown;
        final boolean alreadyExiting;
        long deadline;

        Stopping(Pid pid, Shutdown shutdown, boolean alreadyExiting, long deadline) {
            this.pid = pid;
            this.shutdown = shutdown;
            this.alreadyExiting = alreadyExiting;
            this.deadline = deadline;
        }
    }

    static void stop(Pid child, Shutdown shutdown) {
        stopAll(Map.of(child, shutdown));
    }

    static void stopAll(Map<Pid, Shutdown> children) {
        Proc self = Proc.current();
        Map<Ref, Stopping> waiting = new HashMap<>();
        long now = System.nanoTime();
        children.forEach((pid, shutdown) -> {
            Proc target = pid.proc;
            Ref monitor = Process.monitor(self, target);
            Process.unlink(pid);
            boolean exiting = takeExit(self, pid);
            long deadline = NO_DEADLINE;
            if (!exiting) {
                target.exitSignal(self, shutdown instanceof Shutdown.BrutalKill ? Reason.KILL : Reason.SHUTDOWN, false);
                if (shutdown instanceof Shutdown.Timeout timeout) {
                    deadline = now + Process.toNanos(timeout.ms());
                }
            }
            waiting.put(monitor, new Stopping(pid, shutdown, exiting, deadline));
        });
        Mailbox box = self.mailbox;
        while (!waiting.isEmpty()) {
            long earliest = NO_DEADLINE;
            for (Stopping stopping : waiting.values()) {
                earliest = Math.min(earliest, stopping.deadline);
            }
            long wait = earliest == NO_DEADLINE ? -1L : Math.max(1L, earliest - System.nanoTime());
            if (box.receive(self, (msg, tag) -> msg instanceof Down down && waiting.containsKey(down.ref()), wait)) {
                Down down = (Down) box.foundMsg;
                box.foundMsg = null;
                box.foundTag = null;
                report(self, waiting.remove(down.ref()), down.reason());
            } else {
                long due = System.nanoTime();
                for (Stopping stopping : waiting.values()) {
                    if (stopping.deadline - due <= 0L) {
                        stopping.pid.proc.exitSignal(self, Reason.KILL, false);
                        stopping.deadline = NO_DEADLINE;
                    }
                }
            }
        }
    }

    private static boolean takeExit(Proc self, Pid child) {
        Mailbox box = self.mailbox;
        if (box.receive(self, (msg, tag) -> msg instanceof Exit exit && exit.from() == child, 0L)) {
            box.foundMsg = null;
            box.foundTag = null;
            return true;
        }
        return false;
    }

    private static void report(Proc self, Stopping stopping, Reason reason) {
        if (stopping.alreadyExiting || reason instanceof Reason.Shutdown || reason instanceof Reason.Killed) {
            return;
        }
        Log.error("supervisor " + self.describe() + " shut down child " + stopping.pid + ": it exited with " + reason);
    }
}
