package otplab.runner;

import otplab.jvm.QueuePlace;
import otplab.jvm.WorkersBusyException;

/** A learner asked for more runs than one learner may have going and waiting: refused in words, nobody else is touched. */
final class LearnerLimitException extends WorkersBusyException {
    LearnerLimitException(int running, int waiting, QueuePlace wouldBe) {
        super("you already have " + running + (running == 1 ? " run" : " runs") + " going and " + waiting
                + " waiting, the most one learner may have at once: let them finish (or stop one) before starting another", wouldBe);
    }
}
