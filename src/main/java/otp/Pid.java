package otp;

/**
 * A process identifier: opaque, cheap to copy and compare, printed like Elixir's {@code #PID<0.42.0>}.
 * A Pid stays valid after its process exits; sending to it then drops the message, as on the BEAM.
 */
public final class Pid implements ServerRef {
    final long id;
    final Proc proc;

    Pid(long id, Proc proc) {
        this.id = id;
        this.proc = proc;
    }

    @Override public boolean equals(Object other) {
        return other == this;
    }

    @Override public int hashCode() {
        return Long.hashCode(id);
    }

    @Override public String toString() {
        return "#PID<0." + id + ".0>";
    }
}
