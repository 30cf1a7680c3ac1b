package otplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import otplab.jvm.RoleRuntime;
import otplab.store.SubmissionStore;

/**
 * {@code ./otplab release [--out DIR]}: a self-contained image of OTP Lab, like {@code mix release}
 * builds one of an Elixir application. The image holds a runtime made by {@code jlink} with only
 * the modules the server and the workers use ({@code jdeps} finds them), the server's libraries,
 * the worker jar with its AOT cache, the server's AOT cache (both trained by the image's own
 * runtime, since a cache only fits the JVM that wrote it), the course and {@code bin/otplab}, which
 * needs neither a JDK nor anything on {@code PATH}.
 *
 * <pre>
 * target/release/otplab/
 *   bin/otplab          start | daemon | stop | pid | check | grade | version
 *   runtime/            the jlinked JVM
 *   lib/                otplab.jar (classes and web bundle) and its libraries
 *   worker/             the worker jar, its lib/ (the framework, JUnit, H2), worker.aot, and
 *                       runtimes/notebook and runtimes/grading (each role's jlinked JVM) and
 *                       worker-grading.aot
 *   lessons/ exercises/ the course
 *   server.aot          the server's start-up cache
 * </pre>
 */
final class ReleaseCommand {
    static final int EXIT_FAILED = 1;
    static final String DEFAULT_OUT = "target/release/otplab";
    /**
     * Modules loaded by name or by service rather than by a type jdeps can see: JShell's local
     * engine and javac in the workers, {@code sun.misc.Signal} for SIGTERM, the zip file system and
     * the extra charsets and crypto providers a JDBC driver may ask for.
     */
    static final List<String> EXTRA_MODULES = List.of("jdk.jshell", "jdk.compiler", "java.compiler", "jdk.unsupported",
            "jdk.zipfs", "jdk.charsets", "jdk.crypto.ec", "jdk.localedata");
    /** The JVM flags of the server, the same in the AOT training run and in {@code start}. */
    static final List<String> SERVER_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final long TRAINING_MINUTES = 5;

    private ReleaseCommand() {}

    static int run(String[] args, Path home, PrintStream out, PrintStream err) {
        Path target = home.resolve(DEFAULT_OUT);
        if (args.length == 2 && args[0].equals("--out")) {
            target = home.resolve(args[1]);
        } else if (args.length != 0) {
            err.println("otplab release: usage: ./otplab release [--out DIR]");
            return Main.EXIT_USAGE;
        }
        try {
            build(home, target.toAbsolutePath().normalize(), out);
            out.println("otplab release: the image is in " + target + "; start it with " + target.resolve("bin/otplab") + " start");
            return 0;
        } catch (ReleaseException | UncheckedIOException | IOException e) {
            err.println("otplab release: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("otplab release: interrupted");
            return EXIT_FAILED;
        }
    }

    /** A step of the build that failed, in words for the person who ran it. */
    static final class ReleaseException extends RuntimeException {
        ReleaseException(String message) {
            super(message);
        }
    }

    /** Builds the image into {@code image} (replacing what is there) from the build under {@code home/target}. */
    static void build(Path home, Path imageDir, PrintStream out) throws IOException, InterruptedException {
        Path classes = home.resolve("target/classes");
        Path workerDir = home.resolve("target/worker");
        Path classpathFile = home.resolve("target/runtime-classpath.txt");
        for (Path needed : List.of(classes, workerDir, classpathFile)) {
            if (!Files.exists(needed)) {
                throw new ReleaseException(needed + " is missing; run ./otplab build first");
            }
        }
        List<Path> libraries = Arrays.stream(Files.readString(classpathFile).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        deleteTree(imageDir);
        Files.createDirectories(imageDir.resolve("lib"));
        // The AOT caches record the classpath; bin/otplab names it from the image's real path, so train from that too.
        Path image = imageDir.toRealPath();
        Files.createDirectories(image.resolve("bin"));

        out.println("otplab release: packaging the server...");
        Path serverJar = image.resolve("lib/otplab.jar");
        tool("jar", "--create", "--file", serverJar.toString(), "-C", classes.toString(), ".");
        List<String> classpath = new ArrayList<>(List.of("lib/otplab.jar"));
        for (Path library : libraries) {
            Path copy = image.resolve("lib").resolve(library.getFileName());
            Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
            classpath.add("lib/" + library.getFileName());
        }
        Path worker = image.resolve("worker");
        copyTree(workerDir, worker, name -> name.endsWith(".jar"));
        // The build's role runtimes are stamped for the build's JDK; the image gets its own below.
        deleteTree(worker.resolve("runtimes"));
        copyTree(home.resolve("lessons"), image.resolve("lessons"), name -> true);
        copyTree(home.resolve("exercises"), image.resolve("exercises"), name -> true);

        out.println("otplab release: finding the JDK modules (jdeps)...");
        Set<String> modules = modules(serverJar, image.resolve("lib"), worker);
        out.println("otplab release: linking a runtime of " + modules.size() + " modules (jlink)...");
        Path runtime = image.resolve("runtime");
        tool("jlink", "--add-modules", String.join(",", modules), "--output", runtime.toString(), "--strip-debug",
                "--no-header-files", "--no-man-pages", "--generate-cds-archive");
        Path javaBin = runtime.resolve("bin/java");
        out.println("otplab release: linking the notebook and grading workers' runtimes (jlink)...");
        if (!RoleRuntime.linkAllFor(worker, runtime)) {
            throw new ReleaseException("the workers' runtimes could not be linked; see the server log above");
        }

        out.println("otplab release: training the worker's start-up cache...");
        String cp = String.join(File.pathSeparator, classpath.stream().map(e -> image.resolve(e).toString()).toList());
        Path workerJar = findWorkerJar(worker);
        exec(image, List.of(javaBin.toString(), "-cp", cp, "otplab.jvm.WorkerImage", workerJar.toString()), Map.of(), null);
        if (!Files.isRegularFile(worker.resolve("worker.aot"))) {
            throw new ReleaseException("the worker's AOT training failed; see the lines above");
        }

        out.println("otplab release: training the server's start-up cache...");
        List<String> training = new ArrayList<>(List.of(javaBin.toString()));
        training.addAll(SERVER_FLAGS);
        training.addAll(List.of("-XX:AOTCacheOutput=" + image.resolve("server.aot"), "-Dotplab.home=" + image,
                "-Dotplab.workerJar=" + workerJar, "-cp", cp, "otplab.cli.Main", "serve", ServeCommand.TRAIN_AOT));
        Path trainingLog = image.resolve("server-aot-training.log");
        exec(image, training, Map.of(SubmissionStore.ENV_DATA_DIR, Files.createTempDirectory("otplab-release-training").toString()), trainingLog);
        if (!Files.isRegularFile(image.resolve("server.aot"))) {
            throw new ReleaseException("the server's AOT training failed; see " + trainingLog);
        }
        Files.delete(trainingLog);

        Path launcher = image.resolve("bin/otplab");
        Files.writeString(launcher, ReleaseLauncher.script(classpath, workerJar.getFileName().toString()));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(image.resolve("RELEASE"), "OTP Lab release, built with Java " + Runtime.version()
                + "\nmodules: " + String.join(",", modules) + "\n");
    }

    /** The JDK modules the server, its libraries and the worker need, plus {@link #EXTRA_MODULES}. */
    static Set<String> modules(Path serverJar, Path libDir, Path workerDir) throws IOException {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> libs = Files.list(libDir); Stream<Path> workerFiles = Files.walk(workerDir)) {
            libs.filter(p -> p.toString().endsWith(".jar") && !p.equals(serverJar)).sorted().forEach(p -> jars.add(p.toString()));
            workerFiles.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
        }
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps", "-q",
                "--multi-release", Integer.toString(Runtime.version().feature()),
                "--class-path", String.join(File.pathSeparator, jars), serverJar.toString()));
        args.addAll(jars);
        String found = tool("jdeps", args.toArray(String[]::new)).strip();
        Set<String> modules = new TreeSet<>(EXTRA_MODULES);
        for (String module : found.split(",")) {
            if (!module.isBlank()) {
                modules.add(module.strip());
            }
        }
        return modules;
    }

    private static Path findWorkerJar(Path worker) throws IOException {
        try (Stream<Path> files = Files.list(worker)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-worker.jar")).findFirst()
                    .orElseThrow(() -> new ReleaseException("no worker jar in " + worker + "; run ./otplab build"));
        }
    }

    /** Runs a JDK tool in this JVM and returns what it printed; a failure carries its output. */
    private static String tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(() ->
                new ReleaseException(name + " is not available: ./otplab release needs a full JDK 25"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        int status = tool.run(stream, stream, args);
        String text = output.toString(StandardCharsets.UTF_8);
        if (status != 0) {
            throw new ReleaseException(name + " failed (exit " + status + "):\n" + text.strip());
        }
        return text;
    }

    /** Runs the image's own JVM with an empty environment but {@code env}, from the image's folder. */
    private static void exec(Path image, List<String> command, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(image.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        Process process = builder.start();
        if (!process.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new ReleaseException(command.getLast() + " did not finish within " + TRAINING_MINUTES + " minutes");
        }
    }

    private static void copyTree(Path from, Path to, Predicate<String> fileFilter) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else if (fileFilter.test(source.getFileName().toString())) {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
