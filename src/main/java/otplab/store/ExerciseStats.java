package otplab.store;

/**
 * Submissions of one exercise across every learner (the instructor's view).
 *
 * @param passRate the share of learners with at least one passing submission, 0 to 1
 */
public record ExerciseStats(String exercise, int submissions, int learners, int learnersPassed, double passRate) {}
