package otplab.runner;

import java.time.Duration;
import otplab.jvm.QueuePlace;
import otplab.jvm.WorkersBusyException;

/**
 * A learner asked for more than one learner may have: more runs going and waiting than their
 * lane holds, or a run that waited its whole queue wait behind their own runs. Refused in words
 * (429); nobody else is touched.
 */
final class LearnerLimitException extends WorkersBusyException {
    private LearnerLimitException(String message, QueuePlace place) {
        super(message, place);
    }

    /** The learner's own line is full. */
    static LearnerLimitException lineFull(int running, int waiting, QueuePlace wouldBe) {
        return new LearnerLimitException("you already have " + running + (running == 1 ? " run" : " runs") + " going and "
                + waiting + " waiting, the most one learner may have at once: let them finish (or stop one) before starting another",
                wouldBe);
    }

    /** The run waited in the learner's own line, behind their own runs, for the whole queue wait. */
    static LearnerLimitException waitedTooLong(int running, Duration wait, QueuePlace place) {
        return new LearnerLimitException("your other " + (running == 1 ? "run was" : running + " runs were") + " still going after "
                + (wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms") + ", so this one stopped waiting (it was " + place.inWords() + " behind them):"
                + " let them finish (or stop one), then run it again", place);
    }
}
