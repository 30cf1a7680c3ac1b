public class Tally {
    public void add(String word) {
    }

    public int count(String word) {
        return 0;
    }

    public int total() {
        return 0;
    }
}

/** Stands in for the hidden tests with tests that always pass, if the grader let it. */
class TallyHiddenTest {
    @org.junit.jupiter.api.Test
    void wordsAreCaseSensitive() {
    }

    @org.junit.jupiter.api.Test
    void freshTotalIsZero() {
    }
}
