package otp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {
    static final Setting<Integer> PORT = Setting.integer("PORT").withDefault(4000);
    static final Setting<Integer> POOL_SIZE = Setting.integer("POOL_SIZE").withDefault(10).withDefaultIn(ConfigEnv.TEST, 2);
    static final Setting<URI> DATABASE_URL = Setting.url("DATABASE_URL").requiredIn(ConfigEnv.PROD)
            .withDefaultIn(ConfigEnv.DEV, URI.create("postgres://localhost/app_dev"));
    static final Setting<String> SECRET_KEY_BASE = Setting.string("SECRET_KEY_BASE").requiredIn(ConfigEnv.PROD);
    static final Setting<Duration> TIMEOUT = Setting.duration("TIMEOUT").withDefault(Duration.ofSeconds(5));
    static final Setting<Boolean> SSL = Setting.bool("SSL").withDefault(false).withDefaultIn(ConfigEnv.PROD, true);

    static final RuntimeConfig CONFIG = RuntimeConfig.of("APP_ENV", PORT, POOL_SIZE, DATABASE_URL, SECRET_KEY_BASE,
            TIMEOUT, SSL);

    @Test
    void devUsesDefaultsWhenNothingIsSet() {
        RuntimeConfig.Config c = CONFIG.load(Env.of(Map.of()));
        assertEquals(ConfigEnv.DEV, c.env());
        assertEquals(4000, c.get(PORT));
        assertEquals(URI.create("postgres://localhost/app_dev"), c.get(DATABASE_URL));
        assertEquals(Duration.ofSeconds(5), c.get(TIMEOUT));
        assertEquals(Optional.empty(), c.find(SECRET_KEY_BASE));
    }

    @Test
    void anEnvironmentCanHaveItsOwnDefault() {
        RuntimeConfig.Config c = CONFIG.load(Env.of(Map.of("APP_ENV", "test")));
        assertEquals(2, c.get(POOL_SIZE));
        assertEquals(false, c.get(SSL));
    }

    @Test
    void variablesOverrideDefaultsWithTheirTypes() {
        RuntimeConfig.Config c = CONFIG.load(Env.of(Map.of("PORT", "9000", "TIMEOUT", "2m", "SSL", "true")));
        assertEquals(9000, c.get(PORT));
        assertEquals(Duration.ofMinutes(2), c.get(TIMEOUT));
        assertEquals(true, c.get(SSL));
    }

    @Test
    void prodFailsFastNamingEveryMissingRequiredVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> CONFIG.load(Env.of(Map.of("APP_ENV", "prod"))));
        assertTrue(e.getMessage().startsWith("configuration for prod is invalid:"), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable DATABASE_URL is missing; it is required in prod"),
                e.getMessage());
        assertTrue(e.getMessage().contains("SECRET_KEY_BASE"), e.getMessage());
    }

    @Test
    void prodLoadsWhenRequiredVariablesAreSet() {
        RuntimeConfig.Config c = CONFIG.load(Env.of(Map.of("APP_ENV", "prod", "SECRET_KEY_BASE", "s3cret",
                "DATABASE_URL", "postgres://db.internal/app")));
        assertEquals("db.internal", c.get(DATABASE_URL).getHost());
        assertEquals(true, c.get(SSL));
    }

    @Test
    void malformedValuesAreReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> CONFIG.load(Env.of(Map.of("PORT", "eighty",
                "TIMEOUT", "soon"))));
        assertTrue(e.getMessage().contains("PORT must be a whole number, not 'eighty'"), e.getMessage());
        assertTrue(e.getMessage().contains("TIMEOUT must be a duration"), e.getMessage());
    }

    @Test
    void anUnknownEnvironmentNameFailsNamingTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> CONFIG.load(Env.of(Map.of("APP_ENV", "qa"))));
        assertTrue(e.getMessage().contains("APP_ENV must be dev, test or prod"), e.getMessage());
    }

    @Test
    void aSettingWithoutValueOrDefaultFailsWhenRead() {
        RuntimeConfig.Config c = CONFIG.load(Env.of(Map.of()));
        ConfigException e = assertThrows(ConfigException.class, () -> c.get(SECRET_KEY_BASE));
        assertTrue(e.getMessage().contains("SECRET_KEY_BASE"), e.getMessage());
    }

    @Test
    void declaringAVariableTwiceOrReadingAForeignSettingIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.of(PORT, Setting.integer("PORT")));
        RuntimeConfig.Config c = CONFIG.load(Env.of(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> c.get(Setting.string("OTHER")));
        assertThrows(IllegalArgumentException.class, () -> Setting.string("lower"));
    }
}
