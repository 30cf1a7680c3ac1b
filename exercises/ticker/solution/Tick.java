/** What a ticker sends its listener: the number of the tick, from 1. */
public record Tick(int count) {
}
