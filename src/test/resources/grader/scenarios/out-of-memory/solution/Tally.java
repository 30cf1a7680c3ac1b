import java.util.ArrayList;
import java.util.List;

public class Tally {
    private final List<long[]> hoard = new ArrayList<>();

    public void add(String word) {
        while (true) {
            hoard.add(new long[1_000_000]);
        }
    }

    public int count(String word) {
        return 0;
    }

    public int total() {
        return hoard.size();
    }
}
