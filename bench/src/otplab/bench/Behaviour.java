package otplab.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated learner paces itself.
 *
 * @param cellThink the pause before pressing Run on the next cell (reading the text, editing the cell)
 * @param exerciseThink the time between opening an exercise page and pressing Submit (writing the solution)
 * @param exerciseChance how often a learner who finishes a lesson that leads to exercises does its first one
 * @param starterShare how often a submit sends the untouched starter instead of the reference solution
 */
public record Behaviour(ThinkTime cellThink, ThinkTime exerciseThink, double exerciseChance, double starterShare) {

    /**
     * A class at work: 15 s on average before the next Run (at least 3 s to read a short cell and
     * press the button; the mean is a guess at reading a paragraph and glancing at the code), 45 s
     * from opening an exercise to Submit (at least 10 s: these learners paste a finished solution,
     * so a class submits more often than a real one and the grader sees more than its share), and
     * every other lesson with exercises ends with one, a quarter of them the starter as it came.
     */
    public static final Behaviour CLASSROOM = new Behaviour(new ThinkTime(Duration.ofSeconds(15), Duration.ofSeconds(3)),
            new ThinkTime(Duration.ofSeconds(45), Duration.ofSeconds(10)), 0.5, 0.25);

    public Behaviour {
        Objects.requireNonNull(cellThink, "cellThink must not be null");
        Objects.requireNonNull(exerciseThink, "exerciseThink must not be null");
        if (exerciseChance < 0 || exerciseChance > 1 || starterShare < 0 || starterShare > 1) {
            throw new IllegalArgumentException("exerciseChance and starterShare are chances from 0 to 1, were "
                    + exerciseChance + " and " + starterShare);
        }
    }
}
