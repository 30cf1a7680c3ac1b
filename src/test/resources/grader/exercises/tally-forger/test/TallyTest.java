import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TallyTest {
    static Tally shared;

    @BeforeAll
    static void createSharedTally() {
        shared = new Tally();
    }

    @Test
    @Tag("task:1")
    @DisplayName("a word never added counts zero")
    void unknownWordCountsZero() {
        assertEquals(0, new Tally().count("otp"));
    }

    @Test
    @Tag("task:1")
    @DisplayName("adding a word twice counts two")
    void addingTwiceCountsTwo() {
        Tally tally = new Tally();
        tally.add("otp");
        tally.add("otp");
        assertEquals(2, tally.count("otp"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("total counts every word added")
    void totalCountsEveryWord() {
        shared.add("gen");
        shared.add("server");
        shared.add("gen");
        System.out.println("added three words");
        assertEquals(3, shared.total());
    }
}
