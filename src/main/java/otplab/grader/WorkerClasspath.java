package otplab.grader;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath of a grading worker: where this build's classes (worker harness and the
 * {@code otp} library) and JUnit's jars live, found from the classes themselves so that it
 * works the same under the launcher, Maven's test runner or an IDE. The server's libraries
 * are never on it.
 */
final class WorkerClasspath {
    private static final List<String> ANCHOR_CLASSES = List.of(
            "otplab.worker.grading.GradingWorkerMain",
            "org.junit.platform.launcher.Launcher",
            "org.junit.platform.engine.TestEngine",
            "org.junit.platform.commons.util.ReflectionUtils",
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest",
            "org.junit.jupiter.engine.JupiterTestEngine",
            "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API",
            "org.jspecify.annotations.Nullable",
            "org.h2.Driver");

    private WorkerClasspath() {}

    static String fromCurrentJvm() {
        Set<String> entries = new LinkedHashSet<>();
        ClassLoader loader = WorkerClasspath.class.getClassLoader();
        for (String name : ANCHOR_CLASSES) {
            try {
                CodeSource source = Class.forName(name, false, loader).getProtectionDomain().getCodeSource();
                if (source != null && source.getLocation() != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (ClassNotFoundException | URISyntaxException e) {
                // optional libraries (jspecify, H2) may be absent; the rest are in the pom
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
