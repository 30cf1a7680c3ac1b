import java.util.HashMap;
import java.util.Map;

public class Tally {
    private final Map<String, Integer> counts = new HashMap<>();

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
