package otp;

import java.util.Objects;
import java.util.Optional;
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
 * {@link #yield} and {@link #shutdown} answer like Elixir's {@code {:ok, value} | {:exit, reason} | nil}:
 * an {@link Outcome} ({@link Ok} or {@link Exited}), or an empty Optional for nil.
 */
public final class Task<T> {
    /** Task.await's default timeout in milliseconds, as in Elixir. */
    public static final long DEFAULT_AWAIT_TIMEOUT_MS = 5000;

    /** What a task came to: {@code {:ok, value}} or {@code {:exit, reason}}. */
    public sealed interface Outcome<T> permits Ok, Exited {}

    public record Ok<T>(T value) implements Outcome<T> {}

    public record Exited<T>(Reason reason) implements Outcome<T> {
        public Exited {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

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
        Proc self = ownerOf(task);
        Ref ref = task.ref;
        if (!awaitAnswer(self, ref, Process.toNanos(timeoutMs))) {
            ref.expired = true;
            Proc.cancelMonitor(self, ref, true);
            throw new TaskTimeoutException(task.pid, timeoutMs);
        }
        return switch (takeOutcome(self, (Task<Object>) task)) {
            case Ok<Object> ok -> (T) ok.value();
            case Exited<Object> exited -> throw new ExitException(exited.reason());
        };
    }

    /** {@code Task.yield(task)} with the default {@value #DEFAULT_AWAIT_TIMEOUT_MS} ms. */
    public static <T> Optional<Outcome<T>> yield(Task<T> task) {
        return Task.yield(task, DEFAULT_AWAIT_TIMEOUT_MS);
    }

    /**
     * Waits up to timeoutMs for the task: its result, how it exited, or empty when it is still
     * running, in which case it keeps running and can be yielded for or awaited again.
     */
    public static <T> Optional<Outcome<T>> yield(Task<T> task, long timeoutMs) {
        Objects.requireNonNull(task, "task must not be null");
        Proc self = ownerOf(task);
        if (!awaitAnswer(self, task.ref, Process.toNanos(timeoutMs))) {
            return Optional.empty();
        }
        return Optional.of(takeOutcome(self, task));
    }

    /** {@code Task.shutdown(task)}: asks the task to stop, killing it after 5000 ms. */
    public static <T> Optional<Outcome<T>> shutdown(Task<T> task) {
        return shutdown(task, Shutdown.timeout(DEFAULT_AWAIT_TIMEOUT_MS));
    }

    /**
     * Unlinks and stops the task (exit shutdown, then kill once the shutdown time ran out; at once
     * with {@link Shutdown#BRUTAL_KILL}). Returns its result if it finished meanwhile, how it exited
     * if it exited for another reason than being shut down, or empty.
     */
    public static <T> Optional<Outcome<T>> shutdown(Task<T> task, Shutdown shutdown) {
        Objects.requireNonNull(task, "task must not be null");
        Objects.requireNonNull(shutdown, "shutdown must not be null");
        Proc self = ownerOf(task);
        Proc child = task.pid.proc;
        Process.unlink(task.pid);
        boolean answered;
        switch (shutdown) {
            case Shutdown.BrutalKill kill -> {
                child.exitSignal(self, Reason.KILL, false);
                answered = awaitAnswer(self, task.ref, -1L);
            }
            case Shutdown.Infinity infinity -> {
                child.exitSignal(self, Reason.SHUTDOWN, false);
                answered = awaitAnswer(self, task.ref, -1L);
            }
            case Shutdown.Timeout timeout -> {
                child.exitSignal(self, Reason.SHUTDOWN, false);
                answered = awaitAnswer(self, task.ref, Process.toNanos(timeout.ms()));
                if (!answered) {
                    child.exitSignal(self, Reason.KILL, false);
                    answered = awaitAnswer(self, task.ref, -1L);
                }
            }
        }
        if (!answered) {
            return Optional.empty();
        }
        Outcome<T> outcome = takeOutcome(self, task);
        if (outcome instanceof Exited<T> exited
                && (exited.reason() instanceof Reason.Shutdown || exited.reason() instanceof Reason.Killed)) {
            return Optional.empty();
        }
        return Optional.of(outcome);
    }

    private static Proc ownerOf(Task<?> task) {
        Proc self = Proc.current();
        if (self != task.owner) {
            throw new IllegalStateException("only the process that started task " + task.pid + " can await it");
        }
        return self;
    }

    /** Waits for the task's reply or its DOWN; the one that came is left in foundMsg/foundTag. */
    private static boolean awaitAnswer(Proc self, Ref ref, long timeoutNanos) {
        return self.mailbox.receive(self, (msg, tag) -> tag == ref || (msg instanceof Down down && down.ref() == ref),
                timeoutNanos);
    }

    /** Turns what awaitAnswer found into an outcome; a reply also ends the monitor, flushing its DOWN. */
    @SuppressWarnings("unchecked")
    private static <T> Outcome<T> takeOutcome(Proc self, Task<T> task) {
        Mailbox box = self.mailbox;
        Object msg = box.foundMsg;
        Object tag = box.foundTag;
        box.foundMsg = null;
        box.foundTag = null;
        task.ref.expired = true;
        if (tag == task.ref) {
            Proc.cancelMonitor(self, task.ref, true);
            return new Ok<>((T) msg);
        }
        return new Exited<>(((Down) msg).reason());
    }

    @Override public String toString() {
        return "Task<" + pid + ">";
    }
}
