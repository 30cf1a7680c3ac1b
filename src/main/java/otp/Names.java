package otp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Local name registration (Erlang's register/whereis), backed by a concurrent map. */
final class Names {
    private static final ConcurrentHashMap<String, Proc> TABLE = new ConcurrentHashMap<>();

    private Names() {
    }

    static Proc whereis(String name) {
        Proc proc = TABLE.get(name);
        return proc == null || !proc.isAlive() ? null : proc;
    }

    /** Registers proc under name; throws when the name is taken, the process is dead or already named. */
    static void register(String name, Proc proc) {
        synchronized (proc) {
            if (!proc.isAlive()) {
                throw new IllegalArgumentException("cannot register " + name + ": " + proc.pid + " is not alive");
            }
            if (proc.name != null) {
                throw new IllegalArgumentException(proc.pid + " is already registered as " + proc.name);
            }
            Proc holder = TABLE.putIfAbsent(name, proc);
            if (holder != null) {
                if (holder.isAlive()) {
                    throw new AlreadyRegisteredException(name, holder.pid);
                }
                if (!TABLE.replace(name, holder, proc)) {
                    Proc now = TABLE.get(name);
                    throw new AlreadyRegisteredException(name, now == null ? null : now.pid);
                }
            }
            proc.name = name;
        }
        if (!proc.isAlive()) {
            TABLE.remove(name, proc);
        }
        if (Trace.active) {
            Trace.emit(new TraceEvent.Registered(name, proc.pid));
        }
    }

    static boolean unregister(String name) {
        Proc proc = TABLE.get(name);
        if (proc == null || !TABLE.remove(name, proc)) {
            return false;
        }
        synchronized (proc) {
            if (name.equals(proc.name)) {
                proc.name = null;
            }
        }
        if (Trace.active) {
            Trace.emit(new TraceEvent.Unregistered(name, proc.pid));
        }
        return true;
    }

    static void unregisterOnExit(String name, Proc proc) {
        if (TABLE.remove(name, proc) && Trace.active) {
            Trace.emit(new TraceEvent.Unregistered(name, proc.pid));
        }
    }

    static List<String> registered() {
        List<String> names = new ArrayList<>();
        TABLE.forEach((name, proc) -> {
            if (proc.isAlive()) {
                names.add(name);
            }
        });
        return names;
    }

    /** Forgets every name, for {@link NodeTables#clear()}. */
    static void clear() {
        TABLE.clear();
    }
}
