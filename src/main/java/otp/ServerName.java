package otp;

/** A name a process can be started under: a local {@link Name}, a {@link Registry.Via} name or a {@link GlobalName}. */
public sealed interface ServerName permits Name, Registry.Via, GlobalName {
}
