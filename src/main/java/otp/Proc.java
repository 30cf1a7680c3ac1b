package otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process control block: identity, mailbox, exit state, links and monitors.
 *
 * <p>A process is alive while {@link #exitReason} is null; exiting is one compare-and-set of that
 * field, so exactly one party (the process itself, or whoever kills it) runs the exit work. Exit
 * signals are applied by the sender's thread: a process that does not trap exits dies the moment the
 * signal arrives (its links and monitors fire at once) and its thread unwinds at its next receive.
 *
 * <p>Links, monitors and exit hooks are rare, so they are allocated lazily and guarded by this
 * object's monitor; the message path never takes that lock.
 */
final class Proc implements Runnable {
    private static final AtomicLong IDS = new AtomicLong(1);
    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().factory();
    private static final ThreadLocal<Proc> CURRENT = new ThreadLocal<>();
    private static final VarHandle EXIT_REASON;
    private static final VarHandle MONITOR_SLOT;
    /** In {@link #monitorSlot} once this process has exited: the slot takes no more monitors. */
    private static final Object SLOT_CLOSED = new Object();

    static {
        try {
            EXIT_REASON = MethodHandles.lookup().findVarHandle(Proc.class, "exitReason", Reason.class);
            MONITOR_SLOT = MethodHandles.lookup().findVarHandle(Proc.class, "monitorSlot", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Pid pid;
    final Mailbox mailbox = new Mailbox();
    final Thread thread;
    final Pid parent;
    /** True for a plain thread (main, a test, JShell) that became a process by using the API. */
    final boolean adopted;
    volatile Reason exitReason;
    volatile boolean trapExit;
    volatile String name;
    /** Set by supervisors so processInfo can list their children. */
    volatile List<Pid> supervisedChildren;
    /** What a GenServer process runs (its callback class, or Supervisor with its strategy), for observers; null otherwise. */
    volatile String behaviour;
    private Runnable body;

    /**
     * One monitor held without the lock or the set: a server usually has at most one call waiting,
     * and every call monitors it, so this keeps the set and both lock acquisitions off the call path.
     * Null when free, a {@link Ref}, or SLOT_CLOSED after exit.
     */
    @SuppressWarnings("unused") // updated through MONITOR_SLOT
    private volatile Object monitorSlot;
    private LinkedHashSet<Proc> links;
    private HashSet<Ref> monitoredBy;
    private ArrayList<Ref> monitoring;
    private ArrayList<Runnable> exitHooks;

    private Proc(Runnable body, Pid parent) {
        this.pid = new Pid(IDS.getAndIncrement(), this);
        this.body = body;
        this.parent = parent;
        this.adopted = false;
        this.thread = VIRTUAL.newThread(this);
    }

    private Proc(Thread thread) {
        this.pid = new Pid(IDS.getAndIncrement(), this);
        this.parent = null;
        this.adopted = true;
        this.thread = thread;
    }

    /** The calling thread's process; a plain thread is adopted as a process on first use. */
    static Proc current() {
        Proc self = CURRENT.get();
        if (self == null) {
            self = new Proc(Thread.currentThread());
            CURRENT.set(self);
            if (Trace.active) {
                Trace.emit(new TraceEvent.Spawned(self.pid, null));
            }
        }
        return self;
    }

    /**
     * Ends the calling plain thread's process (if it has one) with reason and forgets it, so the
     * thread's next use of the API gets a fresh process. Tests and sessions use it between runs.
     */
    static void releaseCurrent(Reason reason) {
        Proc self = CURRENT.get();
        if (self != null && self.adopted) {
            CURRENT.remove();
            self.exit(reason);
        }
    }

    /** The calling thread's process, or null when the caller is a plain thread that never used the API. */
    static Proc currentOrNull() {
        return CURRENT.get();
    }

    static Proc spawn(Runnable body, Proc parent, boolean link) {
        Proc child = create(body, parent);
        if (link) {
            child.links = new LinkedHashSet<>(2);
            child.links.add(parent);
            if (!parent.addLink(child)) {
                child.links = null;
                child.exitReason = Reason.NOPROC;
                return child;
            }
        }
        child.start(link);
        return child;
    }

    /** A process that does not run yet, so links or monitors can be set up before its first instruction. */
    static Proc create(Runnable body, Proc parent) {
        return new Proc(body, parent == null ? null : parent.pid);
    }

    void start(boolean linkedToParent) {
        if (Trace.active) {
            Trace.emit(new TraceEvent.Spawned(pid, parent));
            if (linkedToParent) {
                Trace.emit(new TraceEvent.Linked(parent, pid));
            }
        }
        thread.start();
    }

    @Override public void run() {
        CURRENT.set(this);
        Runnable work = body;
        body = null;
        Reason reason;
        try {
            work.run();
            reason = Reason.NORMAL;
        } catch (ProcessKilled killed) {
            return;
        } catch (ExitException exit) {
            reason = exit.reason();
        } catch (Throwable crash) {
            reason = Reason.exception(crash);
            if (exitReason == null) {
                Log.error("process " + describe() + " crashed: " + Log.describe(crash));
            }
        }
        exit(reason);
    }

    String describe() {
        String registered = name;
        return registered == null ? pid.toString() : pid + " (" + registered + ")";
    }

    boolean isAlive() {
        return exitReason == null;
    }

    /** Called on the owner thread once it notices it was ended from outside. */
    void unwindAfterExit() {
        if (adopted) {
            CURRENT.remove();
            throw new ExitException(exitReason);
        }
        throw ProcessKilled.INSTANCE;
    }

    void send(Object msg, Object tag) {
        if (exitReason == null) {
            mailbox.put(msg, tag, thread);
        }
    }

    // ---- links ------------------------------------------------------------------------------

    /** Adds other to this process's links; false when this process has already exited. */
    synchronized boolean addLink(Proc other) {
        if (exitReason != null) {
            return false;
        }
        if (links == null) {
            links = new LinkedHashSet<>(4);
        }
        links.add(other);
        return true;
    }

    synchronized boolean removeLink(Proc other) {
        return links != null && links.remove(other);
    }

    synchronized List<Pid> linkedPids() {
        List<Pid> result = new ArrayList<>();
        if (links != null) {
            links.forEach(p -> result.add(p.pid));
        }
        return result;
    }

    // ---- monitors ---------------------------------------------------------------------------

    /** Registers a monitor held by watcher; false when this process has already exited. */
    boolean addMonitor(Ref ref) {
        // Winning the free slot means exit has not closed it yet, so exit will see this monitor.
        return MONITOR_SLOT.compareAndSet(this, (Object) null, (Object) ref) || addMonitorToSet(ref);
    }

    private synchronized boolean addMonitorToSet(Ref ref) {
        if (exitReason != null) {
            return false;
        }
        if (monitoredBy == null) {
            monitoredBy = new HashSet<>(4);
        }
        monitoredBy.add(ref);
        return true;
    }

    /** Removes a monitor; false when it already fired (or never existed). */
    boolean removeMonitor(Ref ref) {
        return (monitorSlot == ref && MONITOR_SLOT.compareAndSet(this, (Object) ref, (Object) null))
                || removeMonitorFromSet(ref);
    }

    private synchronized boolean removeMonitorFromSet(Ref ref) {
        return monitoredBy != null && monitoredBy.remove(ref);
    }

    synchronized void rememberMonitoring(Ref ref) {
        if (monitoring == null) {
            monitoring = new ArrayList<>(2);
        }
        monitoring.add(ref);
    }

    synchronized void forgetMonitoring(Ref ref) {
        if (monitoring != null) {
            monitoring.remove(ref);
        }
    }

    synchronized List<Pid> monitoredByPids() {
        List<Pid> result = new ArrayList<>();
        if (monitorSlot instanceof Ref slotted) {
            result.add(slotted.watcher.pid);
        }
        if (monitoredBy != null) {
            monitoredBy.forEach(r -> result.add(r.watcher.pid));
        }
        return result;
    }

    synchronized List<Pid> monitoringPids() {
        List<Pid> result = new ArrayList<>();
        if (monitoring != null) {
            monitoring.forEach(r -> result.add(r.target.pid));
        }
        return result;
    }

    /** Runs hook when this process exits (right away if it already has). Used by Registry and PubSub. */
    void onExit(Runnable hook) {
        synchronized (this) {
            if (exitReason == null) {
                if (exitHooks == null) {
                    exitHooks = new ArrayList<>(2);
                }
                exitHooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    // ---- exit -------------------------------------------------------------------------------

    /** Ends this process with reason (from any thread). Returns false if it had already exited. */
    boolean exit(Reason reason) {
        if (!EXIT_REASON.compareAndSet(this, (Reason) null, reason)) {
            return false;
        }
        Object slotted = MONITOR_SLOT.getAndSet(this, SLOT_CLOSED);
        LinkedHashSet<Proc> linked;
        HashSet<Ref> watchers;
        ArrayList<Ref> held;
        ArrayList<Runnable> hooks;
        synchronized (this) {
            linked = links;
            watchers = monitoredBy;
            held = monitoring;
            hooks = exitHooks;
            links = null;
            monitoredBy = null;
            monitoring = null;
            exitHooks = null;
        }
        String registered = name;
        if (registered != null) {
            Names.unregisterOnExit(registered, this);
        }
        if (hooks != null) {
            for (Runnable hook : hooks) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    Log.warning("exit hook of " + pid + " failed: " + Log.describe(e));
                }
            }
        }
        if (held != null) {
            for (Ref ref : held) {
                ref.target.removeMonitor(ref);
            }
        }
        if (Trace.active) {
            Trace.emit(new TraceEvent.Exited(pid, reason));
        }
        if (linked != null) {
            for (Proc other : linked) {
                other.exitSignal(this, reason, true);
            }
        }
        if (slotted instanceof Ref ref) {
            fireDown(ref, reason);
        }
        if (watchers != null) {
            for (Ref ref : watchers) {
                fireDown(ref, reason);
            }
        }
        if (Thread.currentThread() != thread) {
            java.util.concurrent.locks.LockSupport.unpark(thread);
            if (!adopted) {
                thread.interrupt();
            }
        }
        return true;
    }

    private void fireDown(Ref ref, Reason reason) {
        if (ref.startFiring()) {
            ref.watcher.send(new Down(ref, pid, reason), null);
            ref.delivered();
        }
        ref.watcher.forgetMonitoring(ref);
    }

    /**
     * Ends a monitor self holds so that no DOWN for it is ever received afterwards; with flush, a
     * DOWN that already arrived is taken out of the mailbox too (Erlang's demonitor with flush).
     */
    static void cancelMonitor(Proc self, Ref ref, boolean flush) {
        if (ref.target.removeMonitor(ref) || ref.cancelDown() || !flush) {
            return;
        }
        Mailbox box = self.mailbox;
        if (box.receive(self, (msg, tag) -> msg instanceof Down down && down.ref() == ref, 0L)) {
            box.foundMsg = null;
            box.foundTag = null;
        }
    }

    /**
     * Delivers an exit signal from sender, with Erlang's rules: kill (sent with exit/2) cannot be
     * trapped and turns into killed; a trapping process gets an {@link Exit} message; otherwise normal
     * is ignored (unless a process sends it to itself) and any other reason ends the process.
     */
    void exitSignal(Proc sender, Reason reason, boolean viaLink) {
        if (exitReason != null) {
            return;
        }
        if (viaLink && !removeLink(sender)) {
            return;
        }
        if (!viaLink && reason instanceof Reason.Kill) {
            exit(Reason.KILLED);
        } else if (trapExit) {
            send(new Exit(sender.pid, reason), null);
        } else if (reason instanceof Reason.Normal) {
            if (!viaLink && sender == this) {
                exit(reason);
            }
        } else {
            exit(reason);
        }
    }
}
