package otplab.jvm;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the host programs the sandbox is made of ({@code bwrap}, {@code setpriv}, {@code prlimit})
 * by absolute path. A release may run with an empty {@code PATH}; and {@code prlimit} and
 * {@code setpriv} exec the next program through {@code PATH} themselves, so each link of the chain
 * must be named in full.
 */
final class HostTools {
    /** Where Debian and most distributions keep them, searched after {@code PATH}. */
    static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private HostTools() {}

    /** The absolute path of {@code name}, or the bare name (so the start fails naming it) when none is found. */
    static String find(String name) {
        return find(name, System.getenv());
    }

    static String find(String name, Map<String, String> env) {
        List<String> dirs = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank() && dir.startsWith("/")) {
                dirs.add(dir);
            }
        }
        dirs.addAll(SYSTEM_DIRS);
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return name;
    }
}
