package otp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Erlang's {@code :global} name registry, on the one node this runtime has: a namespace of its own,
 * apart from local names, where a name belongs to one live process and is freed when it exits. A
 * {@link GlobalName} ({@code {:global, name}}) is accepted wherever a server name or address is.
 *
 * <pre>{@code
 * GenServer.startLink(new Counter(), 0, Global.name("counter"));
 * GenServer.call(Global.name("counter"), "increment");
 * }</pre>
 * Across nodes {@code :global} also resolves name clashes; a single JVM never has any.
 */
public final class Global {
    private static final ConcurrentHashMap<String, Proc> TABLE = new ConcurrentHashMap<>();

    private Global() {
    }

    /** {@code {:global, name}}. */
    public static GlobalName name(String name) {
        return new GlobalName(name);
    }

    /** Registers pid under name; false (Erlang's {@code no}) when a live process holds the name or pid is dead. */
    public static boolean registerName(String name, Pid pid) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(pid, "pid must not be null");
        try {
            claim(name, pid.proc);
            return true;
        } catch (AlreadyRegisteredException e) {
            return false;
        }
    }

    /** Frees name whoever holds it (Erlang's {@code :global.unregister_name/1}). */
    public static void unregisterName(String name) {
        TABLE.remove(Objects.requireNonNull(name, "name must not be null"));
    }

    /** The live process registered as name, or null (Erlang's {@code :undefined}). */
    public static Pid whereisName(String name) {
        Proc proc = whereis(new GlobalName(name));
        return proc == null ? null : proc.pid;
    }

    public static List<String> registeredNames() {
        List<String> names = new ArrayList<>();
        TABLE.forEach((name, proc) -> {
            if (proc.isAlive()) {
                names.add(name);
            }
        });
        return names;
    }

    static Proc whereis(GlobalName name) {
        Proc proc = TABLE.get(name.value());
        return proc == null || !proc.isAlive() ? null : proc;
    }

    /** Takes name for proc; throws {@link AlreadyRegisteredException} when a live process holds it. */
    static void claim(String name, Proc proc) {
        Proc holder = TABLE.putIfAbsent(name, proc);
        if (holder != null && holder != proc && (holder.isAlive() || !TABLE.replace(name, holder, proc))) {
            Proc now = TABLE.get(name);
            throw new AlreadyRegisteredException(name, now == null ? null : now.pid);
        }
        if (!proc.isAlive()) {
            TABLE.remove(name, proc);
            throw new AlreadyRegisteredException(name, null);
        }
        proc.onExit(() -> TABLE.remove(name, proc));
    }

    static void unregisterOnExit(GlobalName name, Proc proc) {
        TABLE.remove(name.value(), proc);
    }

    /** Forgets every global name, for {@link NodeTables#clear()}. */
    static void clear() {
        TABLE.clear();
    }
}
