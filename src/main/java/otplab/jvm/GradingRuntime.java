package otplab.jvm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jlink}ed JDK a grading worker runs on: only {@link WorkerImage#GRADING_MODULES} and
 * what they require, so {@code sun.misc.Unsafe}, the management and attach APIs, instrumentation
 * and JShell are not in the JVM at all (not merely refused by our policy). Made once per JDK build
 * under {@code target/worker/runtimes/grading}, stamped with the JDK it came from; a runtime of
 * another JDK is made again. Unlike {@code --limit-modules}, a linked runtime keeps its AOT cache.
 */
public final class GradingRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(GradingRuntime.class);
    static final String FOLDER = "runtimes/grading";
    static final String STAMP_NAME = "grading.jdk";

    private GradingRuntime() {}

    /**
     * The runtime under {@code workerFolder}, linked now when it is missing or of another JDK than
     * {@code javaHome}; empty when it cannot be linked (this JVM is not that JDK, or has no jlink).
     */
    static Path prepare(Path javaHome, Path workerFolder) {
        Path runtime = workerFolder.resolve(FOLDER);
        Path stamp = runtime.resolveSibling(STAMP_NAME);
        String wanted = WorkerImage.jdkStamp(javaHome);
        try {
            if (Files.isExecutable(runtime.resolve("bin/java")) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(wanted)) {
                return runtime;
            }
        } catch (IOException unreadable) {
            // linked again below
        }
        if (!WorkerImage.jdkStamp(Path.of(System.getProperty("java.home"))).equals(wanted)) {
            LOG.warn("the grading runtime must be linked from {} itself; this JVM is another JDK", javaHome);
            return null;
        }
        return link(workerFolder, wanted).orElse(null);
    }

    /**
     * Links the runtime from this JVM's own JDK into {@code workerFolder} for workers whose JDK is
     * {@code javaHome} (a release's runtime, linked from this same JDK): {@code ./otplab release}.
     */
    public static Optional<Path> linkFor(Path workerFolder, Path javaHome) {
        return link(workerFolder, WorkerImage.jdkStamp(javaHome));
    }

    /**
     * Links the runtime from this JVM's own JDK into {@code workerFolder} (replacing one that is
     * there) and stamps it with {@code stamp}; the grading AOT cache of an older runtime is removed.
     */
    static Optional<Path> link(Path workerFolder, String stamp) {
        Optional<ToolProvider> jlink = ToolProvider.findFirst("jlink");
        if (jlink.isEmpty()) {
            LOG.warn("this JDK has no jlink, so no grading runtime can be made");
            return Optional.empty();
        }
        Path runtime = workerFolder.resolve(FOLDER);
        Path partial = runtime.resolveSibling("grading.partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(partial);
            Files.createDirectories(partial.getParent());
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
            int status = jlink.get().run(stream, stream, "--add-modules", String.join(",", WorkerImage.GRADING_MODULES),
                    "--output", partial.toString(), "--no-header-files", "--no-man-pages");
            if (status != 0) {
                LOG.warn("jlink could not make the grading runtime: {}", output.toString(StandardCharsets.UTF_8).strip());
                deleteTree(partial);
                return Optional.empty();
            }
            Files.deleteIfExists(workerFolder.resolve(WorkerImage.GRADING_CACHE_NAME));
            deleteTree(runtime);
            Files.move(partial, runtime, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(runtime.resolveSibling(STAMP_NAME), stamp);
            return Optional.of(runtime);
        } catch (IOException e) {
            LOG.warn("the grading runtime could not be written: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
