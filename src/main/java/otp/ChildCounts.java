package otp;

/** What {@code countChildren} returns: child specs, running children, supervisors and workers. */
public record ChildCounts(int specs, int active, int supervisors, int workers) {
}
