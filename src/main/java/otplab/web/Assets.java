package otplab.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The built browser files (web/dist, packaged on the classpath under {@code /web/assets}):
 * their content version for cache-busting URLs, and which are missing.
 */
public final class Assets {
    public static final String CLASSPATH_DIR = "/web/assets";
    public static final String URL_PREFIX = "/assets";
    static final List<String> ENTRY_FILES = List.of("page.js", "lesson.js", "exercise.js", "style.css");

    private final String version;
    private final List<String> missing;

    private Assets(String version, List<String> missing) {
        this.version = version;
        this.missing = List.copyOf(missing);
    }

    /** Reads the entry files from the classpath and hashes them. */
    public static Assets fromClasspath() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("the JDK lacks SHA-256", impossible);
        }
        List<String> missing = new ArrayList<>();
        for (String file : ENTRY_FILES) {
            try (InputStream in = Assets.class.getResourceAsStream(CLASSPATH_DIR + "/" + file)) {
                if (in == null) {
                    missing.add(file);
                } else {
                    digest.update(in.readAllBytes());
                }
            } catch (IOException unreadable) {
                missing.add(file);
            }
        }
        return new Assets(HexFormat.of().formatHex(digest.digest(), 0, 6), missing);
    }

    /** The URL of an asset with its version, e.g. {@code /assets/page.js?v=1a2b3c4d5e6f}. */
    public String url(String file) {
        return URL_PREFIX + "/" + file + "?v=" + version;
    }

    public String version() {
        return version;
    }

    /** Entry files that were not built (the bundle step did not run). */
    public List<String> missing() {
        return missing;
    }
}
