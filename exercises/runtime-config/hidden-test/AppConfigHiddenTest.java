import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
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

    @Test
    @Tag("task:1")
    @DisplayName("the development secret is at least 64 characters long")
    void developmentSecretIsLongEnough() {
        String secret = AppConfig.load(Env.of(Map.of())).secretKeyBase();
        assertTrue(secret != null && secret.length() >= 64, "the development secret has " + (secret == null ? "no" : secret.length()) + " characters");
    }

    @Test
    @Tag("task:3")
    @DisplayName("the edges of the ranges: PORT 1 and 65535 and POOL_SIZE 1 load, PORT 0 and POOL_SIZE 0 do not")
    void rangeEdges() {
        assertEquals(1, AppConfig.load(Env.of(Map.of("PORT", "1"))).port());
        assertEquals(65535, AppConfig.load(Env.of(Map.of("PORT", "65535"))).port());
        assertEquals(1, AppConfig.load(Env.of(Map.of("POOL_SIZE", "1"))).poolSize());
        ConfigException port = assertThrows(ConfigException.class, () -> AppConfig.load(Env.of(Map.of("PORT", "0"))));
        assertTrue(port.getMessage().contains("PORT"), port.getMessage());
        ConfigException pool = assertThrows(ConfigException.class, () -> AppConfig.load(Env.of(Map.of("POOL_SIZE", "0"))));
        assertTrue(pool.getMessage().contains("POOL_SIZE"), pool.getMessage());
    }

    @Test
    @Tag("task:3")
    @DisplayName("each problem has a line of its own")
    void oneLinePerProblem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfig.load(Env.of(Map.of("APP_ENV", "prod", "PORT", "eighty", "POOL_SIZE", "0"))));
        List<String> variables = List.of("PORT", "POOL_SIZE", "DATABASE_URL", "SECRET_KEY_BASE");
        for (String variable : variables) {
            long lines = e.getMessage().lines()
                    .filter(line -> line.contains(variable))
                    .filter(line -> variables.stream().filter(other -> !other.equals(variable) && !variable.contains(other))
                            .noneMatch(line::contains))
                    .count();
            assertTrue(lines >= 1, "no line names " + variable + " alone: " + e.getMessage());
        }
    }
}
