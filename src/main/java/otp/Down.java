package otp;

/** A monitor fired (Elixir's {@code {:DOWN, ref, :process, pid, reason}}). */
public record Down(Ref ref, Pid pid, Reason reason) implements RuntimeMessage {
}
