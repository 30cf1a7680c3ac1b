package otp;

/** What {@link Trace} subscribers observe. */
public sealed interface TraceEvent {
    /** A process was spawned by {@code parent} (null when spawned from outside any process). */
    record Spawned(Pid pid, Pid parent) implements TraceEvent {}

    record Exited(Pid pid, Reason reason) implements TraceEvent {}

    record Linked(Pid a, Pid b) implements TraceEvent {}

    record Unlinked(Pid a, Pid b) implements TraceEvent {}

    record Registered(String name, Pid pid) implements TraceEvent {}

    record Unregistered(String name, Pid pid) implements TraceEvent {}

    /** A supervisor started a child (at its own start, or through startChild/restartChild). */
    record ChildStarted(Pid supervisor, Object childId, Pid pid) implements TraceEvent {}

    /** How a traced message travelled: a plain send, a GenServer call or cast, or the reply to a call. */
    enum Delivery { SEND, CALL, CAST, REPLY }

    /**
     * A message was put in {@code to}'s mailbox by {@code from} (null when a plain thread sent it),
     * seen only by {@link Trace#subscribeWithMessages} and only when one end is registered. The
     * message is the learner's object itself, not a copy.
     */
    record Sent(Pid from, Pid to, Object message, Delivery delivery) implements TraceEvent {}

    /** A supervisor restarted a child that exited with {@code reason}. */
    record ChildRestarted(Pid supervisor, Object childId, Pid oldPid, Pid newPid, Reason reason) implements TraceEvent {}
}
