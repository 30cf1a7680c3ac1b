import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.config.ConfigEnv;
import otp.config.ConfigException;
import otp.config.Env;

class AppConfigTest {
    static final String SECRET = "s".repeat(64);

    @Test
    @Tag("task:1")
    @DisplayName("an empty environment gives the development defaults")
    void emptyEnvironmentGivesDevDefaults() {
        AppConfig config = AppConfig.load(Env.of(Map.of()));
        assertEquals(ConfigEnv.DEV, config.env());
        assertEquals("localhost", config.host());
        assertEquals(4000, config.port());
        assertEquals(10, config.poolSize());
        assertEquals(URI.create("postgres://localhost/my_app_dev"), config.databaseUrl());
    }

    @Test
    @Tag("task:1")
    @DisplayName("variables that are set win over defaults, converted to their types")
    void variablesWin() {
        AppConfig config = AppConfig.load(Env.of(Map.of("PORT", "8080", "POOL_SIZE", "20", "HOST", "example.com")));
        assertEquals(8080, config.port());
        assertEquals(20, config.poolSize());
        assertEquals("example.com", config.host());
    }

    @Test
    @Tag("task:2")
    @DisplayName("production with its secrets loads")
    void productionLoads() {
        AppConfig config = AppConfig.load(Env.of(Map.of("APP_ENV", "prod",
                "DATABASE_URL", "postgres://app:pw@db.internal:5432/app", "SECRET_KEY_BASE", SECRET)));
        assertEquals(ConfigEnv.PROD, config.env());
        assertEquals("db.internal", config.databaseUrl().getHost());
        assertEquals(SECRET, config.secretKeyBase());
    }

    @Test
    @Tag("task:2")
    @DisplayName("production without SECRET_KEY_BASE fails and names the variable")
    void productionWithoutSecretFails() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(Env.of(Map.of("APP_ENV", "prod",
                "DATABASE_URL", "postgres://app:pw@db.internal:5432/app"))));
        assertTrue(e.getMessage().contains("SECRET_KEY_BASE"), e.getMessage());
    }

    @Test
    @Tag("task:3")
    @DisplayName("every problem is reported at once")
    void everyProblemAtOnce() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfig.load(Env.of(Map.of("APP_ENV", "prod", "PORT", "eighty"))));
        for (String variable : new String[] {"PORT", "DATABASE_URL", "SECRET_KEY_BASE"}) {
            assertTrue(e.getMessage().contains(variable), "the message should name " + variable + ": " + e.getMessage());
        }
    }
}
