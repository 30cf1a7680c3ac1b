class TallyTest {
    void notATest() {
        new Tally().add("word");
    }
}
