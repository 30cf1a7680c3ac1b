package otplab.jvm;

/** Receives a run's output as it is printed, and the moments it waits for a free worker. */
public interface OutputListener {
    OutputListener NONE = new OutputListener() {};

    /** {@code stream} is {@code out} or {@code err}; text is already cut to the output limit. */
    default void output(String stream, String text) {}

    /** The run waits for a free worker, standing at {@code place}; heard again whenever the place changes. */
    default void queued(QueuePlace place) {}

    /** A worker has taken the run. */
    default void started() {}
}
