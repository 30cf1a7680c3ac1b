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

class AppConfigHiddenTest {
    static final String SECRET = "k".repeat(80);

    @Test
    @Tag("task:1")
    @DisplayName("the test environment has its own database default")
    void testEnvironmentDatabase() {
        AppConfig config = AppConfig.load(Env.of(Map.of("APP_ENV", "test")));
        assertEquals(ConfigEnv.TEST, config.env());
        assertEquals(URI.create("postgres://localhost/my_app_test"), config.databaseUrl());
    }

    @Test
    @Tag("task:1")
    @DisplayName("blank variables count as unset")
    void blankCountsAsUnset() {
        assertEquals(4000, AppConfig.load(Env.of(Map.of("PORT", "  "))).port());
    }

    @Test
    @Tag("task:2")
    @DisplayName("production refuses a short secret and a database URL without a host")
    void productionChecksValues() {
        ConfigException shortSecret = assertThrows(ConfigException.class, () -> AppConfig.load(Env.of(Map.of(
                "APP_ENV", "prod", "DATABASE_URL", "postgres://db/app", "SECRET_KEY_BASE", "short"))));
        assertTrue(shortSecret.getMessage().contains("SECRET_KEY_BASE"), shortSecret.getMessage());
        ConfigException badUrl = assertThrows(ConfigException.class, () -> AppConfig.load(Env.of(Map.of(
                "APP_ENV", "prod", "DATABASE_URL", "not a url", "SECRET_KEY_BASE", SECRET))));
        assertTrue(badUrl.getMessage().contains("DATABASE_URL"), badUrl.getMessage());
    }

    @Test
    @Tag("task:2")
    @DisplayName("an unknown APP_ENV is an error naming it")
    void unknownEnvironment() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(Env.of(Map.of("APP_ENV", "staging"))));
        assertTrue(e.getMessage().contains("APP_ENV"), e.getMessage());
    }

    @Test
    @Tag("task:3")
    @DisplayName("a port out of range is reported with the other problems")
    void portOutOfRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfig.load(Env.of(Map.of("PORT", "70000", "POOL_SIZE", "lots"))));
        assertTrue(e.getMessage().contains("PORT") && e.getMessage().contains("POOL_SIZE"), e.getMessage());
    }
}
