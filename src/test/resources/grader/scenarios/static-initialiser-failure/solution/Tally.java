import java.util.HashMap;
import java.util.Map;

public class Tally {
    private static final int LIMIT = Integer.parseInt("lots");
    private final Map<String, Integer> counts = new HashMap<>();

    public void add(String word) {
        if (counts.size() < LIMIT) {
            counts.merge(word, 1, Integer::sum);
        }
    }

    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
