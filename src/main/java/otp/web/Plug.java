package otp.web;

import java.util.List;
import java.util.Objects;

/**
 * A step that takes a conn and returns a new one: the Java form of a Plug.
 *
 * <p>Function plugs are lambdas or method references; module plugs implement {@link Module}
 * and are turned into a plug with their options by {@link #of(Module, Object)}, which runs
 * {@code init} once, when the router is built, as Phoenix runs it at compile time.
 *
 * <pre>{@code
 * plug :put_user                               p.plug(Auth::putUser)
 * def put_user(conn, _opts), do: ...           static Conn putUser(Conn conn) { ... }
 *
 * plug MyPlug, limit: 10                       p.plug(Plug.of(new MyPlug(), 10))
 * def init(opts), do: opts                     public Integer init(Integer opts) { return opts; }
 * def call(conn, opts), do: ...                public Conn call(Conn conn, Integer opts) { ... }
 * }</pre>
 */
@FunctionalInterface
public interface Plug {
    /** Transforms the conn; return {@code conn.halt()} to stop the pipeline. */
    Conn call(Conn conn);

    /** A module plug: {@code init(opts)} prepares the options once, {@code call(conn, opts)} runs per request. */
    interface Module<O> {
        default O init(O opts) {
            return opts;
        }

        Conn call(Conn conn, O opts);
    }

    /** Makes a plug of a module plug and its options, calling {@code init} now. */
    static <O> Plug of(Module<O> module, O opts) {
        Objects.requireNonNull(module, "module must not be null");
        O prepared = module.init(opts);
        return conn -> module.call(conn, prepared);
    }

    /**
     * Runs plugs in order and stops after the first one that halts, like a Plug pipeline.
     * A plug that returns {@code null} is a mistake reported by name of its position.
     */
    static Conn run(Conn conn, List<Plug> plugs) {
        Conn current = conn;
        for (int i = 0; i < plugs.size(); i++) {
            if (current.halted()) {
                return current;
            }
            Conn next = plugs.get(i).call(current);
            if (next == null) {
                throw new IllegalStateException("plug #" + (i + 1) + " returned null instead of a Conn");
            }
            current = next;
        }
        return current;
    }
}
