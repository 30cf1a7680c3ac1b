package otp;

/** Messages the runtime itself puts in a mailbox: trapped exit signals, DOWN messages and timeouts. */
public sealed interface RuntimeMessage permits Exit, Down, Timeout {
}
