package otp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Elixir's {@code Registry} with unique keys: processes register themselves under a key with a
 * value, others look them up, and an entry disappears by itself when its process exits. A
 * {@link #via} name lets a GenServer be started and called by key.
 *
 * <pre>{@code
 * Registry.startLink("rooms");                                   // usually a supervisor child
 * GenServer.startLink(new Room(), "general", Registry.via("rooms", "general"));
 * GenServer.call(Registry.via("rooms", "general"), "members");
 * }</pre>
 */
public final class Registry {
    private static final ConcurrentHashMap<String, ConcurrentHashMap<Object, Entry>> TABLES = new ConcurrentHashMap<>();

    private Registry() {
    }

    /** A name in a registry: {@code {:via, Registry, {registry, key}}}. */
    public record Via(String registry, Object key) implements ServerRef, ServerName {
        public Via {
            Objects.requireNonNull(registry, "registry must not be null");
            Objects.requireNonNull(key, "key must not be null");
        }
    }

    /** One registration: the owning process and the value it registered. */
    public record Entry(Pid pid, Object value) {
    }

    public static Via via(String registry, Object key) {
        return new Via(registry, key);
    }

    /** Starts a registry named name, owned by a new process linked to the caller. */
    public static Pid startLink(String name) {
        return start(name, true);
    }

    public static Pid start(String name) {
        return start(name, false);
    }

    private static Pid start(String name, boolean link) {
        Objects.requireNonNull(name, "name must not be null");
        ConcurrentHashMap<Object, Entry> table = new ConcurrentHashMap<>();
        if (TABLES.putIfAbsent(name, table) != null) {
            throw new StartFailedException(name, Process.whereis(name));
        }
        Proc owner = Proc.create(() -> {
            while (true) {
                Process.receive();
            }
        }, Proc.current());
        owner.onExit(() -> TABLES.remove(name, table));
        if (link) {
            Process.link(owner.pid);
        }
        try {
            Names.register(name, owner);
        } catch (AlreadyRegisteredException e) {
            TABLES.remove(name, table);
            throw new StartFailedException(name, e.owner());
        }
        owner.start(false);
        return owner.pid;
    }

    /** Registers the calling process under key; throws {@link AlreadyRegisteredException} if a live process holds it. */
    public static void register(String registry, Object key, Object value) {
        Objects.requireNonNull(key, "key must not be null");
        claim(table(registry), key, new Entry(Process.self(), value));
    }

    private static void claim(ConcurrentHashMap<Object, Entry> table, Object key, Entry entry) {
        Entry holder = table.putIfAbsent(key, entry);
        if (holder != null && (holder.pid().proc.isAlive() || !table.replace(key, holder, entry))) {
            Entry now = table.get(key);
            throw new AlreadyRegisteredException(key, now == null ? null : now.pid());
        }
        entry.pid().proc.onExit(() -> table.remove(key, entry));
    }

    /**
     * Removes the caller's registration under key. A key the caller does not hold (free, or held by
     * another process) is left alone, and that is not an error: Elixir's unregister returns :ok either way.
     */
    public static void unregister(String registry, Object key) {
        Objects.requireNonNull(key, "key must not be null");
        ConcurrentHashMap<Object, Entry> table = table(registry);
        Entry entry = table.get(key);
        if (entry != null && entry.pid().equals(Process.self())) {
            table.remove(key, entry);
        }
    }

    public static Optional<Entry> lookup(String registry, Object key) {
        Entry entry = table(registry).get(Objects.requireNonNull(key, "key must not be null"));
        return entry == null || !entry.pid().proc.isAlive() ? Optional.empty() : Optional.of(entry);
    }

    /** The keys pid holds in the registry. */
    public static List<Object> keys(String registry, Pid pid) {
        List<Object> keys = new ArrayList<>();
        table(registry).forEach((key, entry) -> {
            if (entry.pid().equals(pid)) {
                keys.add(key);
            }
        });
        return keys;
    }

    public static int count(String registry) {
        return table(registry).size();
    }

    static Proc whereis(Via via) {
        ConcurrentHashMap<Object, Entry> table = TABLES.get(via.registry());
        Entry entry = table == null ? null : table.get(via.key());
        return entry == null || !entry.pid().proc.isAlive() ? null : entry.pid().proc;
    }

    /** Frees a via name proc holds; nothing when the registry is gone or another process holds it. */
    static void unregisterOnExit(Via via, Proc proc) {
        ConcurrentHashMap<Object, Entry> table = TABLES.get(via.registry());
        if (table == null) {
            return;
        }
        Entry entry = table.get(via.key());
        if (entry != null && entry.pid().equals(proc.pid)) {
            table.remove(via.key(), entry);
        }
    }

    static void registerName(Via via, Proc proc) {
        claim(table(via.registry()), via.key(), new Entry(proc.pid, null));
    }

    private static ConcurrentHashMap<Object, Entry> table(String registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        ConcurrentHashMap<Object, Entry> table = TABLES.get(registry);
        if (table == null) {
            throw new IllegalArgumentException("no registry named " + registry + " is running (start it with Registry.startLink)");
        }
        return table;
    }

    /** Forgets every registry and its keys, for {@link NodeTables#clear()}. */
    static void clear() {
        TABLES.clear();
    }
}
