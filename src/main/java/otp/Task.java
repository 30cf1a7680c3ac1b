package otp;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Elixir's {@code Task}: run one computation in its own process and collect the result.
 * {@link #async} links the task to the caller and monitors it; {@link #await} waits for the result.
 * If the task crashes, the link takes the caller down too (unless it traps exits), as in Elixir.
 *
 * <pre>{@code
 * Task<Integer> task = Task.async(() -> slowSquare(7));
 * int result = Task.await(task, 1000);
 * }</pre>
 */
public final class Task<T> {
    /** Task.await's default timeout in milliseconds, as in Elixir. */
    public static final long DEFAULT_AWAIT_TIMEOUT_MS = 5000;

    private final Pid pid;
    private final Ref ref;
    private final Proc owner;

    private Task(Pid pid, Ref ref, Proc owner) {
        this.pid = pid;
        this.ref = ref;
        this.owner = owner;
    }

    public Pid pid() {
        return pid;
    }

    public static <T> Task<T> async(Supplier<T> work) {
        Objects.requireNonNull(work, "work must not be null");
        Proc owner = Proc.current();
        Proc[] holder = new Proc[1];
        Ref[] reply = new Ref[1];
        Proc child = Proc.create(() -> owner.send(work.get(), reply[0]), owner);
        holder[0] = child;
        Ref ref = new Ref(owner, child);
        reply[0] = ref;
        if (!owner.addLink(child) || !child.addLink(owner)) {
            owner.unwindAfterExit();
        }
        child.addMonitor(ref);
        child.start(true);
        return new Task<>(child.pid, ref, owner);
    }

    /** Runs work in an unlinked process whose result nobody awaits (Elixir's {@code Task.start}). */
    public static Pid start(Runnable work) {
        return Process.spawn(work);
    }

    public static <T> T await(Task<T> task) {
        return await(task, DEFAULT_AWAIT_TIMEOUT_MS);
    }

    /**
     * The task's result, waiting up to timeoutMs. Throws {@link TaskTimeoutException} on timeout and an
     * {@link ExitException} with the task's reason if it exited without a result.
     */
    @SuppressWarnings("unchecked")
    public static <T> T await(Task<T> task, long timeoutMs) {
        Objects.requireNonNull(task, "task must not be null");
        Proc self = Proc.current();
        if (self != task.owner) {
            throw new IllegalStateException("only the process that started task " + task.pid + " can await it");
        }
        Ref ref = task.ref;
        Mailbox box = self.mailbox;
        boolean answered = box.receive(self, (msg, tag) -> tag == ref || (msg instanceof Down down && down.ref() == ref),
                Process.toNanos(timeoutMs));
        ref.expired = true;
        if (!answered) {
            if (!ref.target.removeMonitor(ref)) {
                Process.flushDown(self, ref);
            }
            throw new TaskTimeoutException(task.pid, timeoutMs);
        }
        Object msg = box.foundMsg;
        Object tag = box.foundTag;
        box.foundMsg = null;
        box.foundTag = null;
        if (tag == ref) {
            if (!ref.target.removeMonitor(ref)) {
                Process.flushDown(self, ref);
            }
            return (T) msg;
        }
        throw new ExitException(((Down) msg).reason());
    }

    @Override public String toString() {
        return "Task<" + pid + ">";
    }
}
