package otp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvTest {
    private final Env env = Env.of(Map.of("PORT", "8080", "SSL", "yes", "DEBUG", "0", "BLANK", "  ",
            "DATABASE_URL", "postgres://u:p@db.example:5432/app", "TIMEOUT", "30s", "POLL", "250", "BAD", "x y"));

    @Test
    void readsStringsAndTreatsBlankAsUnset() {
        assertEquals(Optional.of("8080"), env.get("PORT"));
        assertEquals(Optional.empty(), env.get("BLANK"));
        assertEquals("fallback", env.get("MISSING", "fallback"));
    }

    @Test
    void parsesIntegersWithADefault() {
        assertEquals(8080, env.getInt("PORT", 4000));
        assertEquals(4000, env.getInt("MISSING", 4000));
    }

    @Test
    void parsesBooleansInTheirUsualSpellings() {
        assertTrue(env.getBool("SSL", false));
        assertFalse(env.getBool("DEBUG", true));
        assertTrue(env.getBool("MISSING", true));
    }

    @Test
    void parsesUrlsWithSchemeAndHost() {
        URI url = env.requireUrl("DATABASE_URL");
        assertEquals("db.example", url.getHost());
        assertEquals(5432, url.getPort());
    }

    @Test
    void parsesDurationsWithUnitsAndBareMilliseconds() {
        assertEquals(Duration.ofSeconds(30), env.getDuration("TIMEOUT", Duration.ZERO));
        assertEquals(Duration.ofMillis(250), env.getDuration("POLL", Duration.ZERO));
        assertEquals(Duration.ofMinutes(5), Env.parseDuration("X", "5m"));
        assertEquals(Duration.ofHours(2), Env.parseDuration("X", "2h"));
    }

    @Test
    void aMissingRequiredVariableFailsNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> env.require("SECRET_KEY_BASE"));
        assertEquals("environment variable SECRET_KEY_BASE is missing", e.getMessage());
    }

    @Test
    void aMalformedValueFailsNamingTheVariableAndTheValue() {
        assertEquals("BAD must be a whole number, not 'x y'",
                assertThrows(ConfigException.class, () -> env.getInt("BAD", 1)).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> env.getBool("BAD", true)).getMessage().startsWith("BAD "));
        assertTrue(assertThrows(ConfigException.class, () -> env.getDuration("BAD", Duration.ZERO)).getMessage()
                .startsWith("BAD "));
        assertTrue(assertThrows(ConfigException.class, () -> env.requireUrl("PORT")).getMessage().startsWith("PORT "));
    }

    @Test
    void configEnvDefaultsToDevAndRefusesUnknownNames() {
        assertEquals(ConfigEnv.DEV, env.configEnv("APP_ENV"));
        assertEquals(ConfigEnv.PROD, Env.of(Map.of("APP_ENV", "Prod")).configEnv("APP_ENV"));
        assertThrows(ConfigException.class, () -> Env.of(Map.of("APP_ENV", "staging")).configEnv("APP_ENV"));
    }
}
