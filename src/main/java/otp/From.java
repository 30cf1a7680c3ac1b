package otp;

/**
 * Who is waiting for a call's reply (Elixir's {@code from}): pass it to {@link GenServer#reply(From, Object)}
 * to answer later, after returning {@code noreply} from handleCall.
 */
public record From(Pid caller, Ref tag) {
}
