package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without SECRET_KEY_BASE, a development server keeps one secret in its data folder, so learners survive a restart. */
class DevSecretTest {
    @TempDir
    Path home;

    @Test
    void theSameSecretIsUsedAfterARestartAndOnlyItsOwnerCanReadIt() throws Exception {
        Map<String, String> first = DevSecret.withSecret(Map.of(), home);
        Map<String, String> second = DevSecret.withSecret(Map.of(), home);
        String secret = first.get("SECRET_KEY_BASE");
        assertTrue(secret.length() >= 32, secret);
        assertEquals(secret, second.get("SECRET_KEY_BASE"));
        Path file = home.resolve("data").resolve(DevSecret.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void followsDataDirAndLeavesAGivenSecretAlone() {
        Map<String, String> given = Map.of("SECRET_KEY_BASE", "given-secret-key-base-0123456789abcdef");
        assertSame(given, DevSecret.withSecret(given, home));
        String inOther = DevSecret.withSecret(Map.of("DATA_DIR", "other"), home).get("SECRET_KEY_BASE");
        assertTrue(Files.exists(home.resolve("other").resolve(DevSecret.FILE_NAME)));
        assertNotEquals(inOther, DevSecret.withSecret(Map.of(), home).get("SECRET_KEY_BASE"));
    }
}
