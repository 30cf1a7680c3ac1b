import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TallyHiddenTest {
    /** Secrets a learner's code must never see: a compiled constant and a private static field. */
    static final String SECRET_WORD = "hidden-constant-otp";
    private static String secretState = "hidden-field-otp";

    @Test
    @Tag("task:1")
    @DisplayName("words are case sensitive")
    void wordsAreCaseSensitive() {
        Tally tally = new Tally();
        tally.add("Otp");
        assertEquals(0, tally.count("otp"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a fresh tally has a total of zero")
    void freshTotalIsZero() {
        assertEquals(0, new Tally().total());
    }
}
