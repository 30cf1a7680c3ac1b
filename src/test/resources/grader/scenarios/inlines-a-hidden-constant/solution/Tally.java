public class Tally {
    public void add(String word) {
        System.out.println("the hidden test's word is " + TallyHiddenTest.SECRET_WORD);
    }

    public int count(String word) {
        return 0;
    }

    public int total() {
        return 0;
    }
}
