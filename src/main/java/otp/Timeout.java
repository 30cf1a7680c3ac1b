package otp;

/** The {@code :timeout} a GenServer's handleInfo receives when a returned timeout passes without a message. */
public record Timeout() implements RuntimeMessage {
    public static final Timeout TIMEOUT = new Timeout();
}
