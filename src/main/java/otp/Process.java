package otp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Elixir's {@code Kernel}/{@code Process} functions: spawning, messages, links, monitors, exit
 * signals and names. Every process is a virtual thread with a mailbox. A plain Java thread (main,
 * a test, JShell) that uses these functions becomes a process too, like iex's shell process.
 *
 * <table>
 *   <caption>Elixir beside Java</caption>
 *   <tr><th>Elixir</th><th>Java</th></tr>
 *   <tr><td>{@code spawn(fn -> ... end)}</td><td>{@code Process.spawn(() -> ...)}</td></tr>
 *   <tr><td>{@code spawn_link / spawn_monitor}</td><td>{@code spawnLink / spawnMonitor}</td></tr>
 *   <tr><td>{@code send(pid, msg)}</td><td>{@code Process.send(pid, msg)}</td></tr>
 *   <tr><td>{@code receive do msg -> ... after 100 -> ... end}</td><td>{@code Process.receive(100)}
 *       (empty Optional on timeout), or with a predicate for a selective receive</td></tr>
 *   <tr><td>{@code Process.flag(:trap_exit, true)}</td><td>{@code Process.trapExit(true)}</td></tr>
 *   <tr><td>{@code Process.exit(pid, :kill)}</td><td>{@code Process.exit(pid, Reason.KILL)}</td></tr>
 *   <tr><td>{@code exit(:boom)}</td><td>{@code Process.exit(Reason.of("boom"))} (throws)</td></tr>
 * </table>
 */
public final class Process {
    /** Wait forever (Elixir's {@code :infinity}). */
    public static final long INFINITY = -1L;

    private static final Mailbox.Matcher ANY_USER_MESSAGE = (msg, tag) -> !(tag instanceof Ref);

    private Process() {
    }

    // ---- spawning ---------------------------------------------------------------------------

    public static Pid spawn(Runnable body) {
        Objects.requireNonNull(body, "body must not be null");
        return Proc.spawn(body, Proc.currentOrNull(), false).pid;
    }

    /** Spawns a process linked to the caller; the link exists before the new process runs. */
    public static Pid spawnLink(Runnable body) {
        Objects.requireNonNull(body, "body must not be null");
        return Proc.spawn(body, Proc.current(), true).pid;
    }

    /** Spawns a process monitored by the caller; the monitor exists before the new process runs. */
    public static Monitored spawnMonitor(Runnable body) {
        Objects.requireNonNull(body, "body must not be null");
        Proc self = Proc.current();
        Proc child = Proc.create(body, self);
        Ref ref = monitor(self, child);
        self.rememberMonitoring(ref);
        child.start(false);
        return new Monitored(child.pid, ref);
    }

    public static Pid self() {
        return Proc.current().pid;
    }

    // ---- messages ---------------------------------------------------------------------------

    /** Sends msg; to a dead pid it is dropped silently. Messages from one process to another arrive in order. */
    public static void send(ServerRef dest, Object msg) {
        Objects.requireNonNull(dest, "dest must not be null");
        Objects.requireNonNull(msg, "msg must not be null");
        Proc target = Resolve.proc(dest);
        if (target == null) {
            if (dest instanceof Pid) {
                return;
            }
            throw new IllegalArgumentException("no process is registered as " + dest);
        }
        if (Trace.messages) {
            Trace.sent(Proc.currentOrNull(), target, msg, TraceEvent.Delivery.SEND);
        }
        target.send(msg, null);
    }

    /** Sends msg to the process registered as name; an unknown name is an error, as in Elixir. */
    public static void send(String name, Object msg) {
        send(new Name(name), msg);
    }

    /** Waits for the next message. */
    public static Object receive() {
        Proc self = Proc.current();
        Mailbox box = self.mailbox;
        box.receive(self, ANY_USER_MESSAGE, -1L);
        return take(box);
    }

    /** Waits up to timeoutMs for the next message (0 only looks); empty when none came. */
    public static Optional<Object> receive(long timeoutMs) {
        return receive(m -> true, timeoutMs);
    }

    /** Selective receive: the oldest message matching pattern; other messages stay queued in order. */
    public static Object receive(Predicate<Object> pattern) {
        return receive(pattern, INFINITY).orElseThrow();
    }

    public static Optional<Object> receive(Predicate<Object> pattern, long timeoutMs) {
        Objects.requireNonNull(pattern, "pattern must not be null");
        Proc self = Proc.current();
        Mailbox box = self.mailbox;
        boolean found = box.receive(self, (msg, tag) -> !(tag instanceof Ref) && pattern.test(msg), toNanos(timeoutMs));
        return found ? Optional.of(take(box)) : Optional.empty();
    }

    /** The oldest message of the given type. */
    public static <T> T receive(Class<T> type) {
        return receive(type, INFINITY).orElseThrow();
    }

    public static <T> Optional<T> receive(Class<T> type, long timeoutMs) {
        Objects.requireNonNull(type, "type must not be null");
        return receive(type::isInstance, timeoutMs).map(type::cast);
    }

    /** Sleeps without taking any message (Elixir's {@code Process.sleep/1}). */
    public static void sleep(long ms) {
        Proc self = Proc.current();
        self.mailbox.receive(self, (msg, tag) -> false, toNanos(ms));
    }

    private static Object take(Mailbox box) {
        Object msg = box.foundMsg;
        box.foundMsg = null;
        box.foundTag = null;
        return msg;
    }

    static long toNanos(long timeoutMs) {
        if (timeoutMs < 0) {
            return -1L;
        }
        return TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    // ---- links and exit signals ---------------------------------------------------------------

    /**
     * Links the caller and pid. Linking to a process that has already exited is an error the caller
     * can catch, as on the BEAM: a caller that does not trap exits gets a {@link NoProcException}
     * thrown and lives on; one that traps exits gets an {@link Exit} message with reason noproc.
     */
    public static void link(Pid pid) {
        Objects.requireNonNull(pid, "pid must not be null");
        Proc self = Proc.current();
        Proc other = pid.proc;
        if (other == self) {
            return;
        }
        if (!other.addLink(self)) {
            if (self.trapExit) {
                self.send(new Exit(pid, Reason.NOPROC), null);
                return;
            }
            throw new NoProcException(pid);
        }
        if (!self.addLink(other)) {
            other.removeLink(self);
            unwindIfExited(self);
            return;
        }
        if (Trace.active) {
            Trace.emit(new TraceEvent.Linked(self.pid, other.pid));
        }
    }

    /** Removes the link; afterwards no exit signal travels over it. */
    public static void unlink(Pid pid) {
        Objects.requireNonNull(pid, "pid must not be null");
        Proc self = Proc.current();
        boolean had = self.removeLink(pid.proc) | pid.proc.removeLink(self);
        if (had && Trace.active) {
            Trace.emit(new TraceEvent.Unlinked(self.pid, pid));
        }
    }

    /**
     * Sends an exit signal to pid. {@link Reason#KILL} always ends it (it exits with killed); other
     * reasons become an {@link Exit} message if it traps exits; {@link Reason#NORMAL} is otherwise ignored.
     */
    public static void exit(Pid pid, Reason reason) {
        Objects.requireNonNull(pid, "pid must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        Proc self = Proc.current();
        pid.proc.exitSignal(self, reason, false);
        unwindIfExited(self);
    }

    /** Ends the calling process with reason (Elixir's {@code exit/1}) by throwing an {@link ExitException}. */
    public static void exit(Reason reason) {
        throw new ExitException(Objects.requireNonNull(reason, "reason must not be null"));
    }

    /** Turns exit signals into {@link Exit} messages (true) or back (false); returns the previous setting. */
    public static boolean trapExit(boolean trap) {
        Proc self = Proc.current();
        boolean old = self.trapExit;
        self.trapExit = trap;
        return old;
    }

    private static void unwindIfExited(Proc self) {
        if (!self.isAlive()) {
            self.unwindAfterExit();
        }
    }

    // ---- monitors ---------------------------------------------------------------------------

    /** Monitors pid: a {@link Down} message arrives when it exits (reason noproc if it is already dead). */
    public static Ref monitor(Pid pid) {
        Objects.requireNonNull(pid, "pid must not be null");
        Proc self = Proc.current();
        Ref ref = monitor(self, pid.proc);
        self.rememberMonitoring(ref);
        if (!pid.proc.isAlive() && !pid.proc.removeMonitor(ref)) {
            self.forgetMonitoring(ref);
        }
        return ref;
    }

    /**
     * Monitors the process registered as name (or reached through a via or global name) at this
     * moment, like {@code Process.monitor(name)}; when nobody holds the name, a {@link Down} with
     * reason noproc and a null pid arrives at once.
     */
    public static Ref monitor(ServerRef dest) {
        Objects.requireNonNull(dest, "dest must not be null");
        if (dest instanceof Pid pid) {
            return monitor(pid);
        }
        Proc target = Resolve.liveProc(dest);
        if (target != null) {
            return monitor(target.pid);
        }
        Proc self = Proc.current();
        Ref ref = Ref.make();
        self.send(new Down(ref, null, Reason.NOPROC), null);
        return ref;
    }

    public static Ref monitor(String name) {
        return monitor(new Name(name));
    }

    static Ref monitor(Proc self, Proc target) {
        Ref ref = new Ref(self, target);
        if (!target.addMonitor(ref)) {
            ref.startFiring();
            self.send(new Down(ref, target.pid, Reason.NOPROC), null);
            ref.delivered();
        }
        return ref;
    }

    /**
     * Removes a monitor; returns true, as Erlang's demonitor does. Once it returns, no DOWN for the
     * monitor will arrive; one that had already arrived stays in the mailbox.
     */
    public static boolean demonitor(Ref ref) {
        return demonitor(ref, false);
    }

    /** Removes a monitor and, with flush, also a DOWN for it that already arrived; returns true. */
    public static boolean demonitor(Ref ref, boolean flush) {
        Objects.requireNonNull(ref, "ref must not be null");
        if (ref.target == null) {
            return true;
        }
        Proc self = Proc.current();
        Proc.cancelMonitor(self, ref, flush);
        self.forgetMonitoring(ref);
        return true;
    }

    // ---- names and introspection --------------------------------------------------------------

    /** Registers pid under name; a taken name throws {@link AlreadyRegisteredException}. */
    public static void register(String name, Pid pid) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(pid, "pid must not be null");
        Names.register(name, pid.proc);
    }

    /**
     * Frees name, whoever holds it (Elixir's {@code Process.unregister/1}); a name nobody holds is an
     * error, as in Elixir (ArgumentError there, {@link IllegalArgumentException} here).
     */
    public static void unregister(String name) {
        Objects.requireNonNull(name, "name must not be null");
        if (!Names.unregister(name)) {
            throw new IllegalArgumentException("cannot unregister " + name + ": no process is registered under it");
        }
    }

    /** The live process registered as name, or null. */
    public static Pid whereis(String name) {
        Objects.requireNonNull(name, "name must not be null");
        Proc proc = Names.whereis(name);
        return proc == null ? null : proc.pid;
    }

    public static List<String> registered() {
        return Names.registered();
    }

    public static boolean isAlive(Pid pid) {
        return Objects.requireNonNull(pid, "pid must not be null").proc.isAlive();
    }

    /** A snapshot of a live process; empty once it has exited. */
    public static Optional<ProcessInfo> processInfo(Pid pid) {
        return info(pid, Integer.MAX_VALUE);
    }

    /** processInfo with the message-queue length counted up to queueLimit (see {@link Sys#processInfo}). */
    static Optional<ProcessInfo> info(Pid pid, int queueLimit) {
        Objects.requireNonNull(pid, "pid must not be null");
        Proc proc = pid.proc;
        if (!proc.isAlive()) {
            return Optional.empty();
        }
        List<Pid> children = proc.supervisedChildren;
        ProcessInfo info = new ProcessInfo(pid, proc.name,
                proc.mailbox.isParked() ? ProcessInfo.Status.WAITING : ProcessInfo.Status.RUNNING,
                proc.mailbox.size(queueLimit), proc.trapExit, proc.linkedPids(), proc.monitoringPids(),
                proc.monitoredByPids(), proc.parent, children == null ? List.of() : children);
        return proc.isAlive() ? Optional.of(info) : Optional.empty();
    }
}
