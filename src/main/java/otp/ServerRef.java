package otp;

/**
 * Something a message can be addressed to: a {@link Pid}, a locally registered {@link Name} or a
 * {@link Registry.Via} name or a {@link GlobalName}. Most client functions also accept a plain {@code String} name.
 */
public sealed interface ServerRef permits Pid, Name, Registry.Via, GlobalName {
}
