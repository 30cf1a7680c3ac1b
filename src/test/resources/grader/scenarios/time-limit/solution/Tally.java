public class Tally {
    private static final Object FOREVER = new Object();

    public Tally() {
        synchronized (FOREVER) {
            while (true) {
                try {
                    FOREVER.wait();
                } catch (InterruptedException e) {
                    // keep waiting: this solution never answers
                }
            }
        }
    }

    public void add(String word) {
    }

    public int count(String word) {
        return 0;
    }

    public int total() {
        return 0;
    }
}
