package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./otplab serve} refuses unusable settings before anything starts, naming the variable. */
class ServeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(Map<String, String> env) {
        return ServeCommand.run(env, Path.of("/srv/otplab"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aPortThatIsNotANumberIsBadUsageNamingPort() {
        assertEquals(ServeCommand.EXIT_USAGE, serve(Map.of("PORT", "http")));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals("otplab serve: configuration for dev is invalid:\n  - PORT must be a whole number, not 'http'\n", message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPortOutOfRangeIsBadUsageWithTheRange() {
        assertEquals(ServeCommand.EXIT_USAGE, serve(Map.of("PORT", "70000")));
        assertEquals("otplab serve: PORT must be a number from 0 to 65535, was 70000\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownEnvironmentNameIsBadUsageNamingOtpLabEnv() {
        assertEquals(ServeCommand.EXIT_USAGE, serve(Map.of("OTP_LAB_ENV", "staging")));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals("otplab serve: configuration is invalid:\n  - OTP_LAB_ENV must be dev, test or prod, not 'staging'\n", message);
        assertFalse(message.contains("Exception"));
    }

    @Test
    void aShortSecretKeyBaseIsBadUsageSayingHowLongAndHowToMakeOne() {
        assertEquals(ServeCommand.EXIT_USAGE, serve(Map.of("SECRET_KEY_BASE", "too-short")));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals("otplab serve: SECRET_KEY_BASE must be at least 32 characters long, was 9."
                + " Make one with: head -c 48 /dev/urandom | base64\n", message);
    }

    @Test
    void aReleaseRefusesToServeWithoutASecretKeyBase() {
        System.setProperty(ServeCommand.RELEASE_PROPERTY, "true");
        try {
            assertEquals(ServeCommand.EXIT_USAGE, serve(Map.of()));
        } finally {
            System.clearProperty(ServeCommand.RELEASE_PROPERTY);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("otplab serve: SECRET_KEY_BASE must be set"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDatabaseUrlOfAnotherKindIsBadUsageNamingDatabaseUrl() {
        assertEquals(ServeCommand.EXIT_USAGE, serve(Map.of("DATABASE_URL", "mysql://db/otplab")));
        assertEquals("otplab serve: DATABASE_URL must start with jdbc:postgresql: or jdbc:h2:, was 'mysql://db/otplab'\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNegativeShutdownGraceIsBadUsageNamingTheVariable() {
        assertEquals(ServeCommand.EXIT_USAGE, serve(Map.of("OTPLAB_SHUTDOWN_SECONDS", "-1")));
        assertEquals("otplab serve: OTPLAB_SHUTDOWN_SECONDS must be a whole number of seconds, 0 or more, was -1\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
