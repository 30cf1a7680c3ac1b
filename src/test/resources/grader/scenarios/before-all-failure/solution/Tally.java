import java.util.HashMap;
import java.util.Map;

public class Tally {
    private static int made;
    private final Map<String, Integer> counts = new HashMap<>();

    public Tally() {
        if (made++ == 0) {
            throw new IllegalStateException("the first tally is refused");
        }
    }

    public void add(String word) {
        counts.merge(word, 1, Integer::sum);
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
