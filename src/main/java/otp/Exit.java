package otp;

/** A trapped exit signal (Elixir's {@code {:EXIT, from, reason}}), delivered only when trapping exits. */
public record Exit(Pid from, Reason reason) implements RuntimeMessage {
}
