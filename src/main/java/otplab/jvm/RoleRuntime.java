package otplab.jvm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.protocol.WorkerRole;

/**
 * The {@code jlink}ed JDK a worker of one role runs on, holding only the modules that role needs
 * (and what they require), so what is left out is not in the JVM at all rather than refused by our
 * policy. Made once per JDK build under {@code target/worker/runtimes/ROLE}, stamped with the JDK
 * it came from; a runtime of another JDK is made again. Unlike {@code --limit-modules}, a linked
 * runtime keeps its AOT cache.
 *
 * @param role    {@link WorkerRole#NOTEBOOK_NAME} or {@link WorkerRole#GRADING_NAME}
 * @param modules the root modules given to jlink
 */
public record RoleRuntime(String role, List<String> modules) {
    private static final Logger LOG = LoggerFactory.getLogger(RoleRuntime.class);

    /**
     * A notebook: JShell and javac ({@code jdk.jshell} requires {@code jdk.jdi}, which requires
     * {@code jdk.attach}: those stay, the attach listener is off by flag), {@code java.sql} for
     * {@code otp.data}. Left out: {@code jdk.unsupported}, {@code java.management},
     * {@code jdk.management}, {@code java.instrument}.
     */
    public static final RoleRuntime NOTEBOOK = new RoleRuntime(WorkerRole.NOTEBOOK_NAME,
            List.of("java.sql", "jdk.compiler", "jdk.jshell"));
    /**
     * A grading: javac (used before any learner class exists), {@code java.sql} for {@code otp.data},
     * and {@code java.logging}/{@code java.management}, which JUnit's platform requires. Left out:
     * {@code jdk.unsupported} ({@code sun.misc.Unsafe}), {@code jdk.management}, {@code jdk.attach},
     * {@code java.instrument}, {@code jdk.jshell}, {@code jdk.jdi}.
     */
    public static final RoleRuntime GRADING = new RoleRuntime(WorkerRole.GRADING_NAME,
            List.of("java.sql", "java.logging", "java.management", "jdk.compiler"));
    public static final List<RoleRuntime> ALL = List.of(NOTEBOOK, GRADING);
    static final String FOLDER = "runtimes";

    public RoleRuntime {
        new WorkerRole(role, 0);
        modules = List.copyOf(modules);
    }

    /** Where this role's runtime lives under the worker folder. */
    public Path folder(Path workerFolder) {
        return workerFolder.resolve(FOLDER).resolve(role);
    }

    private Path stamp(Path workerFolder) {
        return workerFolder.resolve(FOLDER).resolve(role + ".jdk");
    }

    /**
     * The runtime under {@code workerFolder}, linked now when it is missing or of another JDK than
     * {@code javaHome}; null when it cannot be linked (this JVM is not that JDK, or has no jlink).
     */
    Path prepare(Path javaHome, Path workerFolder) {
        Path runtime = folder(workerFolder);
        Path stamp = stamp(workerFolder);
        String wanted = WorkerImage.jdkStamp(javaHome);
        try {
            if (Files.isExecutable(runtime.resolve("bin/java")) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(wanted)) {
                return runtime;
            }
        } catch (IOException unreadable) {
            // linked again below
        }
        if (!WorkerImage.jdkStamp(Path.of(System.getProperty("java.home"))).equals(wanted)) {
            LOG.warn("the {} runtime must be linked from {} itself; this JVM is another JDK", role, javaHome);
            return null;
        }
        return link(workerFolder, wanted).orElse(null);
    }

    /**
     * Links every role's runtime from this JVM's own JDK into {@code workerFolder} for workers whose
     * JDK is {@code javaHome} (a release's runtime, linked from this same JDK): {@code ./otplab release}.
     */
    public static boolean linkAllFor(Path workerFolder, Path javaHome) {
        String stamp = WorkerImage.jdkStamp(javaHome);
        return ALL.stream().allMatch(runtime -> runtime.link(workerFolder, stamp).isPresent());
    }

    /**
     * Links the runtime from this JVM's own JDK into {@code workerFolder} (replacing one that is
     * there) and stamps it with {@code stamp}; the AOT cache made on an older runtime is removed.
     */
    Optional<Path> link(Path workerFolder, String stamp) {
        Optional<ToolProvider> jlink = ToolProvider.findFirst("jlink");
        if (jlink.isEmpty()) {
            LOG.warn("this JDK has no jlink, so no {} runtime can be made", role);
            return Optional.empty();
        }
        Path runtime = folder(workerFolder);
        Path partial = runtime.resolveSibling(role + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(partial);
            Files.createDirectories(partial.getParent());
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
            int status = jlink.get().run(stream, stream, "--add-modules", String.join(",", modules),
                    "--output", partial.toString(), "--no-header-files", "--no-man-pages");
            if (status != 0) {
                LOG.warn("jlink could not make the {} runtime: {}", role, output.toString(StandardCharsets.UTF_8).strip());
                deleteTree(partial);
                return Optional.empty();
            }
            Files.deleteIfExists(workerFolder.resolve(WorkerImage.cacheName(role)));
            deleteTree(runtime);
            Files.move(partial, runtime, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stamp(workerFolder), stamp);
            return Optional.of(runtime);
        } catch (IOException e) {
            LOG.warn("the {} runtime could not be written: {}", role, e.getMessage());
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
