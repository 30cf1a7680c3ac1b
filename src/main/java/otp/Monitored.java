package otp;

/** What {@link Process#spawnMonitor} returns: the new process and the monitor watching it. */
public record Monitored(Pid pid, Ref ref) {
}
