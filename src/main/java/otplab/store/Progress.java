package otplab.store;

/** One learner's standing on one exercise: submissions sent and whether one of them passed. */
public record Progress(String exercise, int submissions, boolean completed, double bestScore) {}
