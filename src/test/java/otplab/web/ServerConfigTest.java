package otplab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private static final Path HOME = Path.of("/srv/otplab");

    @Test
    void defaultsToLocalhost7070InAuthorModeWithTheBundledCourse() {
        ServerConfig config = ServerConfig.builder().environment(Map.of(), HOME).build();
        assertEquals("127.0.0.1", config.host());
        assertEquals(7070, config.port());
        assertEquals(HOME.resolve("lessons"), config.lessonsDir());
        assertEquals(HOME.resolve("exercises"), config.exercisesDir());
        assertTrue(config.authorMode());
    }

    @Test
    void readsPortHostFoldersAndProductionMode() {
        ServerConfig config = ServerConfig.builder().environment(Map.of("PORT", "8080", "HOST", "0.0.0.0",
                "LESSONS_DIR", "/data/lessons", "EXERCISES_DIR", "ex", "OTP_LAB_ENV", "prod"), HOME).build();
        assertEquals(8080, config.port());
        assertEquals("0.0.0.0", config.host());
        assertEquals(Path.of("/data/lessons"), config.lessonsDir());
        assertEquals(HOME.resolve("ex"), config.exercisesDir());
        assertFalse(config.authorMode());
    }

    @Test
    void refusesAPortThatIsNotANumberWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().environment(Map.of("PORT", "http"), HOME));
        assertTrue(e.getMessage().contains("PORT must be a whole number, not 'http'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().port(70_000).build());
    }

    @Test
    void namesEveryMalformedVariableAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().environment(Map.of("PORT", "80a", "OTP_LAB_ENV", "prod", "HOST", " "), HOME));
        assertEquals("configuration for prod is invalid:\n  - PORT must be a whole number, not '80a'", e.getMessage());
    }

    @Test
    void blankVariablesKeepTheDefaultsAndDevelopmentStaysInAuthorMode() {
        ServerConfig config = ServerConfig.builder().environment(Map.of("PORT", " ", "OTP_LAB_ENV", "development"), HOME).build();
        assertEquals(7070, config.port());
        assertTrue(config.authorMode());
    }

    @Test
    void refusesAHealthNameTakenTwiceOrByTheServer() {
        ServerConfig.Builder builder = ServerConfig.builder().health("pool", () -> 1);
        assertThrows(IllegalArgumentException.class, () -> builder.health("pool", () -> 2));
        assertThrows(IllegalArgumentException.class, () -> builder.health("status", () -> 2));
    }
}
