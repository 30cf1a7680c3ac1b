package otp;

/** A name or registry key is already held by another process (Elixir raises ArgumentError / returns already_registered). */
public final class AlreadyRegisteredException extends RuntimeException {
    private final transient Pid owner;

    public AlreadyRegisteredException(Object name, Pid owner) {
        super("the name " + name + " is already registered to " + owner);
        this.owner = owner;
    }

    public Pid owner() {
        return owner;
    }
}
