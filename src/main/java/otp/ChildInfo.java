package otp;

/** One row of {@code whichChildren}: pid is null when the child is not running. */
public record ChildInfo(Object id, Pid pid, ChildType type) {
}
