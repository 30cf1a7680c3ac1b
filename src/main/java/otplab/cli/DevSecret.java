package otplab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.store.SubmissionStore;
import otplab.web.ServerConfig;

/**
 * The development stand-in for {@code SECRET_KEY_BASE} in {@code ./otplab serve}: generated once and
 * kept beside the submissions ({@code DATA_DIR/secret_key_base}, readable by its owner only), so a
 * learner stays the same learner across restarts of a development server. A release never uses it:
 * there the variable is required.
 */
final class DevSecret {
    static final String FILE_NAME = "secret_key_base";
    private static final Logger LOG = LoggerFactory.getLogger(DevSecret.class);
    private static final int SECRET_BYTES = 48;

    private DevSecret() {}

    /** {@code env} as given when it sets {@code SECRET_KEY_BASE}; otherwise with the development secret added. */
    static Map<String, String> withSecret(Map<String, String> env, Path home) {
        String given = env.get(ServerConfig.ENV_SECRET_KEY_BASE);
        if (given != null && !given.isBlank()) {
            return env;
        }
        Path file = SubmissionStore.dataDir(env, home).resolve(FILE_NAME);
        Map<String, String> withSecret = new HashMap<>(env);
        withSecret.put(ServerConfig.ENV_SECRET_KEY_BASE, loadOrCreate(file));
        LOG.info("{} is not set: using the development secret kept in {} (set {} in production)",
                ServerConfig.ENV_SECRET_KEY_BASE, file, ServerConfig.ENV_SECRET_KEY_BASE);
        return Map.copyOf(withSecret);
    }

    static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] bytes = new byte[SECRET_BYTES];
                new SecureRandom().nextBytes(bytes);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n");
                } catch (FileAlreadyExistsException anotherServerWasFaster) {
                    // its secret is as good as ours: read it below
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development secret in " + file + ": " + e.getMessage(), e);
        }
    }
}
