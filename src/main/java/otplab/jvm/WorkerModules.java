package otplab.jvm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Turns the worker's two jars into explicit modules (a build step, {@code process-classes}, after
 * Maven made the jars): compiles {@code src/main/worker-modules/NAME/module-info.java} against the
 * jar's own classes and adds it to the jar. Only the worker's jars get a descriptor; the server's
 * classes stay on the class path, where a {@code module-info.class} would change how tests run.
 *
 * <p>{@link #FRAMEWORK} ({@code otp.*} and the policy's guards) is what learner code calls;
 * {@link #HARNESS} ({@code otplab.worker.*}, the protocol) is the grading harness, which exports
 * nothing. A grading worker runs both on the module path (see {@link WorkerImage}).
 */
public final class WorkerModules {
    /** The module of the mini-framework and the policy's run-time guards. */
    public static final String FRAMEWORK = "otplab.framework";
    /** The module of the worker harness; {@code --enable-native-access} names only it. */
    public static final String HARNESS = "otplab.worker";
    static final String HARNESS_MAIN = "otplab.worker.WorkerMain";
    private static final String DESCRIPTOR = "module-info.class";

    private WorkerModules() {}

    /** Arguments: the worker jar, the framework jar, the folder of the module sources, a scratch folder. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: WorkerModules WORKER_JAR FRAMEWORK_JAR SOURCES_DIR SCRATCH_DIR");
            System.exit(2);
        }
        Path workerJar = Path.of(args[0]);
        Path frameworkJar = Path.of(args[1]);
        Path sources = Path.of(args[2]);
        Path scratch = Path.of(args[3]);
        Path libraries = workerJar.resolveSibling("lib");
        describe(frameworkJar, FRAMEWORK, sources, scratch, List.of(libraries), null);
        describe(workerJar, HARNESS, sources, scratch, List.of(libraries), HARNESS_MAIN);
    }

    /** Compiles the module's descriptor and adds it to {@code jar}, unless the jar already has one. */
    private static void describe(Path jar, String module, Path sources, Path scratch, List<Path> modulePath,
                                 String mainClass) throws IOException {
        if (descriptor(jar) != null) {
            return;
        }
        Path out = scratch.resolve(module);
        Files.createDirectories(out);
        String path = String.join(java.io.File.pathSeparator, modulePath.stream().map(Path::toString).toList());
        run("javac", "--release", Integer.toString(Runtime.version().feature()), "-d", out.toString(),
                "--module-path", path, "--patch-module", module + "=" + jar,
                sources.resolve(module).resolve("module-info.java").toString());
        List<String> update = new ArrayList<>(List.of("--update", "--file", jar.toString()));
        if (mainClass != null) {
            update.addAll(List.of("--main-class", mainClass));
        }
        update.addAll(List.of("-C", out.toString(), DESCRIPTOR));
        run("jar", update.toArray(String[]::new));
    }

    /** The jar's module descriptor when it has one of its own (not an automatic module), else null. */
    static ModuleDescriptor descriptor(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor)
                    .filter(d -> !d.isAutomatic()).findFirst().orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The jars in {@code folder} that are explicit modules, sorted; the rest stay on the class path. */
    static List<Path> explicitModules(Path folder) {
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).filter(p -> descriptor(p) != null).sorted().toList();
        } catch (IOException missing) {
            return List.of();
        }
    }

    private static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is missing: building the worker needs a full JDK"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        if (provider.run(stream, stream, args) != 0) {
            throw new IllegalStateException(tool + " failed for the worker modules:\n" + output.toString(StandardCharsets.UTF_8));
        }
    }
}
