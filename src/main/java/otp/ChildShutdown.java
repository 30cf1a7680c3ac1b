package otp;

/**
 * Stops one child the way supervisor.erl's shutdown/2 does: monitor, unlink, take an exit that
 * already arrived, then exit shutdown (or kill) and wait for the DOWN, killing after the timeout.
 */
final class ChildShutdown {
    private ChildShutdown() {
    }

    static void stop(Pid child, Shutdown shutdown) {
        Proc self = Proc.current();
        Proc target = child.proc;
        Ref monitor = Process.monitor(self, target);
        Process.unlink(child);
        if (self.mailbox.receive(self, (msg, tag) -> msg instanceof Exit exit && exit.from() == child, 0L)) {
            self.mailbox.foundMsg = null;
            awaitDown(self, monitor, -1L);
            return;
        }
        Reason reason = switch (shutdown) {
            case Shutdown.BrutalKill kill -> {
                target.exitSignal(self, Reason.KILL, false);
                yield awaitDown(self, monitor, -1L);
            }
            case Shutdown.Infinity infinity -> {
                target.exitSignal(self, Reason.SHUTDOWN, false);
                yield awaitDown(self, monitor, -1L);
            }
            case Shutdown.Timeout timeout -> {
                target.exitSignal(self, Reason.SHUTDOWN, false);
                Reason exited = awaitDown(self, monitor, Process.toNanos(timeout.ms()));
                if (exited == null) {
                    target.exitSignal(self, Reason.KILL, false);
                    exited = awaitDown(self, monitor, -1L);
                }
                yield exited;
            }
        };
        boolean expected = reason instanceof Reason.Shutdown
                || (shutdown instanceof Shutdown.BrutalKill && reason instanceof Reason.Killed);
        if (!expected && !(reason instanceof Reason.Killed)) {
            Log.error("supervisor " + self.describe() + " shut down child " + child + ": it exited with " + reason);
        }
    }

    private static Reason awaitDown(Proc self, Ref monitor, long timeoutNanos) {
        Mailbox box = self.mailbox;
        if (!box.receive(self, (msg, tag) -> msg instanceof Down down && down.ref() == monitor, timeoutNanos)) {
            return null;
        }
        Reason reason = ((Down) box.foundMsg).reason();
        box.foundMsg = null;
        box.foundTag = null;
        return reason;
    }
}
