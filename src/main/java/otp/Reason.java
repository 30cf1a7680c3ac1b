package otp;

import java.util.Objects;

/**
 * Why a process exited (an exit reason). The atoms of OTP are constants; anything else is wrapped.
 * <ul>
 *   <li>{@link #NORMAL}: finished its work; linked processes that do not trap exits ignore it.</li>
 *   <li>{@link #SHUTDOWN} and {@link #shutdown(Object)}: asked to stop by its supervisor or owner;
 *       like normal, not logged as a crash and not restarted when the child is transient.</li>
 *   <li>{@link #KILL}: the untrappable signal of {@link Process#exit(Pid, Reason)}; the victim
 *       exits with {@link #KILLED}, which is what its links and monitors see.</li>
 *   <li>{@link #NOPROC}: the target did not exist (a monitor of a dead process).</li>
 *   <li>{@link #exception(Throwable)}: an exception escaped the process's code.</li>
 *   <li>{@link #badReturn(Object)}: a GenServer callback returned something invalid (null).</li>
 *   <li>{@link #of(Object)}: any other term.</li>
 * </ul>
 */
public sealed interface Reason {
    Reason NORMAL = new Normal();
    Reason SHUTDOWN = new Shutdown();
    Reason KILL = new Kill();
    Reason KILLED = new Killed();
    Reason NOPROC = new NoProc();

    static Reason shutdown(Object term) {
        return new ShutdownWith(Objects.requireNonNull(term, "term must not be null"));
    }

    static Reason of(Object term) {
        Objects.requireNonNull(term, "term must not be null");
        return term instanceof Reason reason ? reason : new Other(term);
    }

    static Reason exception(Throwable exception) {
        return new ExceptionReason(Objects.requireNonNull(exception, "exception must not be null"));
    }

    static Reason badReturn(Object value) {
        return new BadReturn(value);
    }

    /** True for normal, shutdown and {shutdown, term}: exits OTP neither logs nor restarts transient children for. */
    default boolean isClean() {
        return this instanceof Normal || this instanceof Shutdown || this instanceof ShutdownWith;
    }

    record Normal() implements Reason {
        @Override public String toString() { return "normal"; }
    }

    record Shutdown() implements Reason {
        @Override public String toString() { return "shutdown"; }
    }

    record ShutdownWith(Object term) implements Reason {
        @Override public String toString() { return "{shutdown, " + term + "}"; }
    }

    record Kill() implements Reason {
        @Override public String toString() { return "kill"; }
    }

    record Killed() implements Reason {
        @Override public String toString() { return "killed"; }
    }

    record NoProc() implements Reason {
        @Override public String toString() { return "noproc"; }
    }

    /**
     * An exception escaped the process's code. Its one-line description is computed once: the crash
     * report, a caller's exception and a supervisor all print it, and each printing would otherwise
     * materialise the whole stack trace again.
     */
    final class ExceptionReason implements Reason {
        private final Throwable exception;
        private String description;

        public ExceptionReason(Throwable exception) {
            this.exception = Objects.requireNonNull(exception, "exception must not be null");
        }

        public Throwable exception() {
            return exception;
        }

        @Override public boolean equals(Object other) {
            return other instanceof ExceptionReason that && that.exception.equals(exception);
        }

        @Override public int hashCode() {
            return exception.hashCode();
        }

        /** Racing threads may both compute it; they get equal strings, so no lock is needed. */
        @Override public String toString() {
            String text = description;
            if (text == null) {
                text = Log.describe(exception);
                description = text;
            }
            return text;
        }
    }

    record BadReturn(Object value) implements Reason {
        @Override public String toString() { return "{bad_return_value, " + value + "}"; }
    }

    record Other(Object term) implements Reason {
        @Override public String toString() { return String.valueOf(term); }
    }
}
