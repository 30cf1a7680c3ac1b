package otp;

/** A name a process can be started under: a local {@link Name} or a {@link Registry.Via} name. */
public sealed interface ServerName permits Name, Registry.Via {
}
