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

    /** A supervisor restarted a child that exited with {@code reason}. */
    record ChildRestarted(Pid supervisor, Object childId, Pid oldPid, Pid newPid, Reason reason) implements TraceEvent {}
}
