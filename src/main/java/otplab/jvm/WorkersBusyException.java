package otplab.jvm;

import java.util.Optional;

/** Every worker stayed busy for the whole queue wait; says where the run last stood, when it queued. */
public class WorkersBusyException extends Exception {
    private final transient QueuePlace place;

    public WorkersBusyException() {
        this("all workers are busy right now; please try again in a moment", null);
    }

    /** A run that waited at {@code place} until its queue wait ran out. */
    public WorkersBusyException(QueuePlace place) {
        this("all workers are busy right now (your run was " + place.inWords() + " when it gave up); please try again in "
                + place.estimateSeconds() + " s", place);
    }

    protected WorkersBusyException(String message, QueuePlace place) {
        super(message);
        this.place = place;
    }

    WorkersBusyException(String message) {
        this(message, null);
    }

    /** Where the run stood when it gave up; empty when it never queued. */
    public Optional<QueuePlace> place() {
        return Optional.ofNullable(place);
    }
}
