package otp;

import java.util.Objects;
import java.util.Optional;

/**
 * Erlang's {@code sys} module for looking into a running server: {@code sys:get_state/1,2}, which
 * observers and debugging sessions use. The request is a system message, so the server answers it
 * between two callbacks without its own {@code handleCall} ever seeing it.
 *
 * <pre>{@code
 * Pid counter = GenServer.start(new Counter(), 0);
 * GenServer.cast(counter, "increment");
 * int state = Sys.getState(counter);   // 1, like :sys.get_state(counter)
 * }</pre>
 */
public final class Sys {
    /** sys's default: five seconds, as for a call. */
    public static final long DEFAULT_TIMEOUT_MS = GenServer.DEFAULT_CALL_TIMEOUT_MS;

    /** The system request; package-private so no learner message can be mistaken for it. */
    static final Object GET_STATE = new Object() {
        @Override public String toString() {
            return "get_state";
        }
    };

    private Sys() {
    }

    /** The state of a GenServer (an Agent's value, a supervisor's bookkeeping), waiting up to five seconds. */
    public static <S> S getState(ServerRef server) {
        return getState(server, DEFAULT_TIMEOUT_MS);
    }

    public static <S> S getState(String name) {
        return getState(new Name(name), DEFAULT_TIMEOUT_MS);
    }

    /**
     * The state of a GenServer, waiting up to timeoutMs. A server busy in a callback answers only
     * when the callback returns ({@link CallTimeoutException} when that is too late); a process that
     * is not a GenServer has no state to give, which is an error at once instead of a timeout.
     */
    public static <S> S getState(ServerRef server, long timeoutMs) {
        Objects.requireNonNull(server, "server must not be null");
        Proc target = Resolve.liveProc(server);
        if (target != null && target.behaviour == null) {
            throw new IllegalArgumentException(server + " is not a GenServer, so it has no state to show");
        }
        return ServerLoop.call(server, GET_STATE, timeoutMs);
    }

    /**
     * {@link Process#processInfo} for observers that look often: the message-queue length is
     * counted up to queueLimit and no further, because counting walks the queue, and walking a
     * million waiting messages four times a second would slow the very process being watched.
     */
    public static Optional<ProcessInfo> processInfo(Pid pid, int queueLimit) {
        if (queueLimit < 0) {
            throw new IllegalArgumentException("queueLimit must not be negative, got " + queueLimit);
        }
        return Process.info(pid, queueLimit);
    }

    /**
     * What a process runs, for observers: the learner's GenServer class ({@code "Counter"}),
     * {@code "Supervisor one_for_all"}, {@code "DynamicSupervisor"}, {@code "Agent"}; empty for a
     * plain process or one that has exited.
     */
    public static Optional<String> behaviour(Pid pid) {
        Objects.requireNonNull(pid, "pid must not be null");
        Proc proc = pid.proc;
        return proc.isAlive() ? Optional.ofNullable(proc.behaviour) : Optional.empty();
    }
}
