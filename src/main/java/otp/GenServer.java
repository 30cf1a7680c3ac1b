package otp;

import java.util.Objects;

/**
 * A generic server, OTP's {@code gen_server}: a process that keeps a state and answers calls,
 * casts and other messages through callbacks.
 *
 * <h2>Client functions and the callback each one runs</h2>
 * <table>
 *   <caption>Client calls and callbacks</caption>
 *   <tr><th>client (caller's process)</th><th>callback (server's process)</th></tr>
 *   <tr><td>{@code start / startLink(server, arg[, name])}</td><td>{@link #init(Object) init(arg)}</td></tr>
 *   <tr><td>{@code call(ref, request[, timeoutMs])}</td><td>{@link #handleCall handleCall(request, from, state)}</td></tr>
 *   <tr><td>{@code cast(ref, msg)}</td><td>{@link #handleCast handleCast(msg, state)}</td></tr>
 *   <tr><td>{@code Process.send(pid, msg)}, timers, monitors, trapped exits, timeouts</td><td>{@link #handleInfo handleInfo(msg, state)}</td></tr>
 *   <tr><td>a callback returning {@code continueWith(term)}</td><td>{@link #handleContinue handleContinue(term, state)}</td></tr>
 *   <tr><td>{@code stop(ref[, reason, timeoutMs])}</td><td>{@link #terminate terminate(reason, state)}</td></tr>
 * </table>
 *
 * <h2>Return contracts</h2>
 * <pre>
 * init(arg)                 -&gt; ok(state) | ok(state, next) | stop(reason) | ignore()
 * handleCall(req, from, s)  -&gt; reply(value, s) | reply(value, s, next) | noreply(s) | noreply(s, next)
 *                            | stop(reason, value, s) | stop(reason, s)
 * handleCast(msg, s)        -&gt; noreply(s) | noreply(s, next) | stop(reason, s)
 * handleInfo(msg, s)        -&gt; noreply(s) | noreply(s, next) | stop(reason, s)
 * handleContinue(term, s)   -&gt; noreply(s) | noreply(s, next) | stop(reason, s)
 * terminate(reason, s)      -&gt; (ignored)
 * next = timeout(ms) | continueWith(term) | hibernate() | Next.INFINITY
 * </pre>
 * <ul>
 *   <li>{@code start} returns when init has returned: the pid, null for {@code ignore()}, or it throws
 *       {@link StartFailedException} when init stopped, crashed or the name was taken.
 *       {@code startLink} also links the server to the caller, its parent.</li>
 *   <li>{@code timeout(ms)}: if no message arrives within ms, handleInfo receives {@link Timeout#TIMEOUT}.
 *       {@code continueWith(term)}: handleContinue(term) runs before any other message is taken.</li>
 *   <li>{@code call} waits {@link #DEFAULT_CALL_TIMEOUT_MS} by default and throws
 *       {@link CallTimeoutException}, {@link NoProcException}, {@link CallingSelfException} or
 *       {@link CalleeExitedException} (server died mid-call). A reply that comes after the caller
 *       gave up is dropped, never delivered to its mailbox.</li>
 *   <li>{@code noreply} from handleCall leaves the caller waiting; answer later with
 *       {@link #reply(From, Object)} (from any process).</li>
 *   <li>An exception escaping a callback stops the server with {@link Reason#exception} as reason; a
 *       null return stops it with {@link Reason#badReturn}. Either way terminate runs first.</li>
 *   <li>terminate runs when a callback returns stop, when a callback throws, on {@code GenServer.stop},
 *       and when the server traps exits and its parent sends an exit signal (a supervisor's shutdown).
 *       It does not run when the server is killed, nor when it does not trap exits and a linked
 *       process's exit signal ends it. For {@code stop(reason, value, s)} the reply is sent after terminate.</li>
 *   <li>Default callbacks, like Elixir's {@code use GenServer}: handleCall and handleCast fail (the
 *       server crashes), handleInfo logs the unexpected message and keeps going, handleContinue
 *       fails, terminate does nothing.</li>
 * </ul>
 *
 * <h2>Example: the course's Counter</h2>
 * <pre>{@code
 * import otp.*;
 * import static otp.GenServer.*;
 *
 * final class Counter implements GenServer<Integer, Integer> {     // <InitArg, State>
 *     static Pid startLink(int initial) {
 *         return GenServer.startLink(new Counter(), initial, "counter");
 *     }
 *     static int increment() { return GenServer.call("counter", "increment"); }
 *     static int count()     { return GenServer.call("counter", "count"); }
 *
 *     @Override public Init<Integer> init(Integer initial) { return ok(initial); }
 *
 *     @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) {
 *         return switch ((String) request) {
 *             case "increment" -> reply(n + 1, n + 1);
 *             case "count"     -> reply(n, n);
 *             default          -> stop(Reason.of("unknown call " + request), n);
 *         };
 *     }
 * }
 * }</pre>
 * (Java's switch accepts string constants only on a String, hence the cast; requests modelled as
 * records of a sealed interface switch without it.)
 *
 * @param <A> the argument of init
 * @param <S> the server's state
 */
public interface GenServer<A, S> {
    /** How long {@code call} waits for a reply by default, in milliseconds (OTP's 5000). */
    long DEFAULT_CALL_TIMEOUT_MS = 5000;

    // ---- callbacks ----------------------------------------------------------------------------

    /** Builds the first state. Runs in the new process while its starter waits. */
    Init<S> init(A arg);

    default CallResult<S> handleCall(Object request, From from, S state) {
        throw new IllegalStateException("attempted to call GenServer " + Process.self()
                + " but no handleCall was provided (request: " + request + ")");
    }

    default CastResult<S> handleCast(Object msg, S state) {
        throw new IllegalStateException("attempted to cast GenServer " + Process.self()
                + " but no handleCast was provided (message: " + msg + ")");
    }

    default InfoResult<S> handleInfo(Object msg, S state) {
        Log.error("GenServer " + Proc.current().describe() + " (" + getClass().getSimpleName()
                + ") received an unexpected message in handleInfo: " + msg);
        return noreply(state);
    }

    default ContinueResult<S> handleContinue(Object term, S state) {
        throw new IllegalStateException("GenServer " + Process.self()
                + " returned continueWith(" + term + ") but no handleContinue was provided");
    }

    default void terminate(Reason reason, S state) {
    }

    /**
     * How a supervisor starts this server with arg, like the {@code child_spec/1} that {@code use GenServer}
     * defines: a permanent worker whose id is the class's simple name, started with
     * {@code startLink(this, arg)}. Override it when the class has its own startLink (a name, say).
     */
    default ChildSpec childSpec(A arg) {
        String id = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
        return ChildSpec.worker(id, () -> GenServer.startLink(this, arg));
    }

    // ---- results ------------------------------------------------------------------------------

    /**
     * Thrown from a callback (or anything it calls) to return a result from deep inside, like
     * {@code throw {:reply, value, state}} in a gen_server callback: the server treats
     * {@code throw new GenServer.Throw(reply(value, state))} as if the callback had returned it.
     * A result of the wrong kind for the callback stops the server with a bad return.
     */
    final class Throw extends RuntimeException {
        private final transient Object result;

        public Throw(Object result) {
            super("a GenServer result thrown from a callback: " + result, null, false, false);
            this.result = Objects.requireNonNull(result, "result must not be null");
        }

        public Object result() {
            return result;
        }
    }

    /** What init returns. */
    sealed interface Init<S> permits Ok, InitStop, Ignore {}

    /** What handleCall returns. */
    sealed interface CallResult<S> permits Reply, NoReply, Stop, StopReply {}

    /** What handleCast returns. */
    sealed interface CastResult<S> extends NoReplyOrStop<S> permits NoReply, Stop {}

    /** What handleInfo returns. */
    sealed interface InfoResult<S> extends NoReplyOrStop<S> permits NoReply, Stop {}

    /** What handleContinue returns. */
    sealed interface ContinueResult<S> extends NoReplyOrStop<S> permits NoReply, Stop {}

    record Ok<S>(S state, Next next) implements Init<S> {
        public Ok {
            Objects.requireNonNull(next, "next must not be null");
        }
    }

    record InitStop<S>(Reason reason) implements Init<S> {
        public InitStop {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

    record Ignore<S>() implements Init<S> {}

    record Reply<S>(Object reply, S state, Next next) implements CallResult<S> {
        public Reply {
            Objects.requireNonNull(next, "next must not be null");
        }
    }

    record NoReply<S>(S state, Next next) implements CallResult<S>, CastResult<S>, InfoResult<S>, ContinueResult<S> {
        public NoReply {
            Objects.requireNonNull(next, "next must not be null");
        }
    }

    record Stop<S>(Reason reason, S state) implements CallResult<S>, CastResult<S>, InfoResult<S>, ContinueResult<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

    record StopReply<S>(Reason reason, Object reply, S state) implements CallResult<S> {
        public StopReply {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

    /** What the server does after a callback: wait, wait with a timeout, continue, or hibernate. */
    sealed interface Next permits Next.Infinity, Next.After, Next.Continue, Next.Hibernate {
        Next INFINITY = new Infinity();

        record Infinity() implements Next {}

        record After(long ms) implements Next {
            public After {
                if (ms < 0) {
                    throw new IllegalArgumentException("a timeout must be 0 or more milliseconds, got " + ms);
                }
            }
        }

        record Continue(Object term) implements Next {}

        /** Accepted for parity with OTP; a virtual thread needs no compaction, so it waits like INFINITY. */
        record Hibernate() implements Next {}
    }

    static <S> Ok<S> ok(S state) {
        return new Ok<>(state, Next.INFINITY);
    }

    static <S> Ok<S> ok(S state, Next next) {
        return new Ok<>(state, next);
    }

    static <S> InitStop<S> stop(Reason reason) {
        return new InitStop<>(reason);
    }

    static <S> Ignore<S> ignore() {
        return new Ignore<>();
    }

    static <S> Reply<S> reply(Object value, S state) {
        return new Reply<>(value, state, Next.INFINITY);
    }

    static <S> Reply<S> reply(Object value, S state, Next next) {
        return new Reply<>(value, state, next);
    }

    static <S> NoReply<S> noreply(S state) {
        return new NoReply<>(state, Next.INFINITY);
    }

    static <S> NoReply<S> noreply(S state, Next next) {
        return new NoReply<>(state, next);
    }

    static <S> Stop<S> stop(Reason reason, S state) {
        return new Stop<>(reason, state);
    }

    static <S> StopReply<S> stop(Reason reason, Object reply, S state) {
        return new StopReply<>(reason, reply, state);
    }

    static Next timeout(long ms) {
        return new Next.After(ms);
    }

    static Next continueWith(Object term) {
        return new Next.Continue(term);
    }

    /** Shorthand for {@code noreply(state, continueWith(term))}. */
    static <S> NoReply<S> continueWith(Object term, S state) {
        return new NoReply<>(state, new Next.Continue(term));
    }

    static Next hibernate() {
        return new Next.Hibernate();
    }

    // ---- client -------------------------------------------------------------------------------

    /** Starts a server without a link; returns its pid, or null when init returned ignore. */
    static <A, S> Pid start(GenServer<A, S> server, A arg) {
        return ServerLoop.start(server, arg, null, false);
    }

    static <A, S> Pid start(GenServer<A, S> server, A arg, String name) {
        return ServerLoop.start(server, arg, new Name(name), false);
    }

    static <A, S> Pid start(GenServer<A, S> server, A arg, ServerName name) {
        return ServerLoop.start(server, arg, Objects.requireNonNull(name, "name must not be null"), false);
    }

    /** Starts a server linked to the caller (its parent); returns its pid, or null when init returned ignore. */
    static <A, S> Pid startLink(GenServer<A, S> server, A arg) {
        return ServerLoop.start(server, arg, null, true);
    }

    static <A, S> Pid startLink(GenServer<A, S> server, A arg, String name) {
        return ServerLoop.start(server, arg, new Name(name), true);
    }

    static <A, S> Pid startLink(GenServer<A, S> server, A arg, ServerName name) {
        return ServerLoop.start(server, arg, Objects.requireNonNull(name, "name must not be null"), true);
    }

    /** Calls with the default timeout of {@value #DEFAULT_CALL_TIMEOUT_MS} ms. */
    static <R> R call(ServerRef server, Object request) {
        return ServerLoop.call(server, request, DEFAULT_CALL_TIMEOUT_MS);
    }

    static <R> R call(String name, Object request) {
        return ServerLoop.call(new Name(name), request, DEFAULT_CALL_TIMEOUT_MS);
    }

    /** Calls and waits up to timeoutMs ({@link Process#INFINITY} waits forever). */
    static <R> R call(ServerRef server, Object request, long timeoutMs) {
        return ServerLoop.call(server, request, timeoutMs);
    }

    static <R> R call(String name, Object request, long timeoutMs) {
        return ServerLoop.call(new Name(name), request, timeoutMs);
    }

    /** Sends a request without waiting; a server that does not exist is ignored, as in OTP. */
    static void cast(ServerRef server, Object msg) {
        ServerLoop.cast(server, msg);
    }

    static void cast(String name, Object msg) {
        ServerLoop.cast(new Name(name), msg);
    }

    /** Answers a call that handleCall left waiting with noreply. */
    static void reply(From from, Object value) {
        Objects.requireNonNull(from, "from must not be null");
        Ref tag = from.tag();
        if (!tag.expired) {
            Proc caller = from.caller().proc;
            if (Trace.messages && value != null) {
                Trace.sent(Proc.currentOrNull(), caller, value, TraceEvent.Delivery.REPLY);
            }
            tag.reply = value == null ? Ref.NULL_REPLY : value;
            caller.mailbox.wakeForReply(caller.thread);
        }
    }

    /** Stops the server with reason normal and waits until it has exited (terminate runs). */
    static void stop(ServerRef server) {
        ServerLoop.stop(server, Reason.NORMAL, Process.INFINITY);
    }

    static void stop(String name) {
        ServerLoop.stop(new Name(name), Reason.NORMAL, Process.INFINITY);
    }

    static void stop(ServerRef server, Reason reason, long timeoutMs) {
        ServerLoop.stop(server, reason, timeoutMs);
    }

    static void stop(String name, Reason reason, long timeoutMs) {
        ServerLoop.stop(new Name(name), reason, timeoutMs);
    }

    /** The live process registered under name, or null. */
    static Pid whereis(ServerName name) {
        Proc proc = Resolve.liveProc((ServerRef) name);
        return proc == null ? null : proc.pid;
    }
}
