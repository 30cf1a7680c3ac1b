package otp;

import java.util.List;

/**
 * A snapshot of a live process (Elixir's {@code Process.info/1}).
 *
 * @param name         registered name, or null
 * @param status       running (has work or is computing) or waiting (parked in receive)
 * @param links        processes linked to it
 * @param monitors     processes it monitors through {@link Process#monitor}
 * @param monitoredBy  processes monitoring it
 * @param parent       the process that spawned it (its supervisor for a supervised child), or null
 * @param children     for a supervisor, its running children in start order; otherwise empty
 */
public record ProcessInfo(Pid pid, String name, Status status, int messageQueueLength, boolean trapExit,
                          List<Pid> links, List<Pid> monitors, List<Pid> monitoredBy, Pid parent,
                          List<Pid> children) {
    public enum Status { RUNNING, WAITING }
}
