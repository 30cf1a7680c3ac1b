package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassSettingsTest {

    private static ClassSettings settings(boolean quick, Map<String, String> options) {
        return ClassSettings.from(new BenchContext(new PrintStream(new ByteArrayOutputStream()), quick, options));
    }

    @Test
    void withoutOptionsTwentyLearnersWorkThreeMinutesAgainstAServerOfTheirOwn() {
        ClassSettings settings = settings(false, Map.of());
        assertEquals(20, settings.learners());
        assertEquals(Duration.ofMinutes(3), settings.duration());
        assertEquals(Optional.empty(), settings.url());
        assertEquals(Duration.ofSeconds(30), settings.arrivals());
    }

    @Test
    void aQuickRunIsTwoLearnersForHalfAMinuteArrivingOverItsFirstThird() {
        ClassSettings settings = settings(true, Map.of());
        assertEquals(2, settings.learners());
        assertEquals(Duration.ofSeconds(30), settings.duration());
        assertEquals(Duration.ofSeconds(10), settings.arrivals());
    }

    @Test
    void optionsNameTheLearnersTheMinutesAndARunningServer() {
        ClassSettings settings = settings(true, Map.of("--learners", "40", "--minutes", "0.5", "--url", "http://127.0.0.1:7070"));
        assertEquals(40, settings.learners());
        assertEquals(Duration.ofSeconds(30), settings.duration());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:7070/")), settings.url());
    }

    @Test
    void badValuesAreRefusedInWordsThatNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(false, Map.of("--learners", "many")))
                .getMessage().contains("--learners must be a whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(false, Map.of("--learners", "0")))
                .getMessage().contains("--learners must be a whole number from 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(false, Map.of("--minutes", "-1")))
                .getMessage().contains("--minutes must be more than 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(false, Map.of("--url", "localhost:7070")))
                .getMessage().contains("--url must be a server address"));
    }
}
