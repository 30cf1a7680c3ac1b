package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void printsAMarkdownTablePaddedToTheWidestCellOfEachColumn() {
        var bytes = new ByteArrayOutputStream();
        new Table("metric", "value").row("call", "0.41").row("spawn 1M", "1.2").print(
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("""
                | metric   | value |
                |----------|-------|
                | call     | 0.41  |
                | spawn 1M | 1.2   |
                """, bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("only one"));
    }
}
