import java.util.HashMap;
import java.util.Map;

public class Tally {
    private final Map<String, Integer> counts = new HashMap<>();

    public void add(String word) {
        counts.merge(word, 1, Integer::sum);
    }

    public int count(String word) {
        int n = 0;
        while (!counts.containsKey(word) || n >= 0) {
            n++;
        }
        return n;
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
