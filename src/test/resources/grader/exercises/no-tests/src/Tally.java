import java.util.HashMap;
import java.util.Map;

public class Tally {
    private final Map<String, Integer> counts = new HashMap<>();

    public void add(String word) {
        // Count the word.
    }

    public int count(String word) {
        return 0;
    }

    public int total() {
        return 0;
    }
}
