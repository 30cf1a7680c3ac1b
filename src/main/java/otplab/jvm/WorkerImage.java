package otplab.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.protocol.WorkerRole;

/**
 * The worker's files: the jar (mini-framework + worker harness only, built by Maven into
 * {@code target/worker/}) and its AOT cache, made by a training run of the harness. The build makes
 * the cache in its {@code package} phase through {@link #main}; a runner that finds it missing,
 * older than the jar, or made by another JDK makes it again before its first worker starts, so a
 * stale cache never silently slows workers down.
 */
public final class WorkerImage {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerImage.class);
    /** Flags every worker JVM runs with; the training run must use the same ones for the cache to apply. */
    static final List<String> JIT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");
    /**
     * No attach listener (a second process in the sandbox, e.g. {@code jcmd PID JVMTI.agent_load},
     * would otherwise load an agent into the worker) and no agents loaded after start. Checked: an
     * AOT cache made without them is still used. {@code --limit-modules} is not here: the JVM
     * refuses an AOT cache with it and cannot make one with it (see docs/arch/runner.md).
     */
    static final List<String> LOCKDOWN_FLAGS = List.of("-XX:+DisableAttachMechanism", "-XX:-EnableDynamicAgentLoading");

    /**
     * How a confined grading worker runs: native access (the FFM API, {@code System.load}) refused
     * to every module but the harness, which needs it once to make the JVM non-dumpable.
     */
    static final List<String> NATIVE_ACCESS_FLAGS = List.of("--illegal-native-access=deny",
            "--enable-native-access=" + WorkerModules.HARNESS);

    static final String CACHE_NAME = "worker.aot";
    /** The AOT cache of a confined grading worker, trained on its own runtime and module path. */
    static final String GRADING_CACHE_NAME = "worker-grading.aot";
    /** Names the JDK build that made the cache (see {@link #jdkStamp}). */
    static final String STAMP_NAME = "worker.aot.jdk";
    /** Longest a training run may take; a busy machine needs well over the ~5 s it takes when idle. */
    static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(240);

    /**
     * What a worker of one role starts with: its JDK (its role's linked runtime, or the full JDK
     * when none could be made or the old way was asked for), its AOT cache (null when none fits),
     * and whether it runs confined on the module path (a grading worker on its own runtime).
     */
    private record Start(Path javaHome, Path cache, boolean confined) {}

    private final Path jar;
    private final Start notebook;
    private final Start grading;

    private WorkerImage(Path jar, Start notebook, Start grading) {
        this.jar = jar;
        this.notebook = notebook;
        this.grading = grading;
    }

    /** Finds {@code target/worker/*-worker.jar} under {@code otplab.home} or the working directory. */
    static Path findJar() {
        String explicit = System.getProperty("otplab.workerJar");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        Path home = Path.of(System.getProperty("otplab.home", ".")).toAbsolutePath().normalize();
        Path folder = home.resolve("target").resolve("worker");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-worker.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no worker jar in " + folder + "; run ./otplab build"));
        } catch (IOException missing) {
            throw new IllegalStateException("no worker jar in " + folder + "; run ./otplab build", missing);
        }
    }

    /**
     * The build step ({@code exec-maven-plugin}, phase {@code package}): links each role's runtime
     * from this JVM's JDK and makes its AOT cache next to the worker jar given as the only argument,
     * unless fresh ones are there. A failure is reported and not fatal: runners then retry on their
     * first start, or start workers on the full JDK.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: WorkerImage PATH/TO/otplab-VERSION-worker.jar");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path jar = Path.of(args[0]).toAbsolutePath();
        WorkerImage image = prepare(WorkerSettings.builder().workerJar(jar).javaHome(Path.of(System.getProperty("java.home"))).build());
        for (var role : List.of(Map.entry("notebook", image.notebook), Map.entry("grading", image.grading))) {
            Start start = role.getValue();
            System.out.println("otplab: " + role.getKey() + " workers run on " + start.javaHome()
                    + (start.cache() == null ? " WITHOUT an AOT cache (its training failed; runners retry on their first start)"
                            : " with the AOT cache " + start.cache().getFileName()));
        }
        System.out.println("otplab: worker runtimes and caches ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /**
     * Prepares the image: links each role's runtime when it is missing or of another JDK, and trains
     * its AOT cache when the cache is missing, older than the jar or of another runtime.
     */
    public static WorkerImage prepare(WorkerSettings settings) {
        Path jar = settings.workerJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the worker jar " + jar + " is missing; run ./otplab build");
        }
        synchronized (WorkerImage.class) {
            Path notebookHome = runtimeOrJdk(RoleRuntime.NOTEBOOK, settings.javaHome(), jar);
            Path cache = jar.resolveSibling(CACHE_NAME);
            if (!isFresh(cache, jar, notebookHome)) {
                train(notebookHome, jar, cache);
            }
            Start notebook = new Start(notebookHome, isFresh(cache, jar, notebookHome) ? cache : null, false);
            Start grading;
            if (settings.classPathGrading()) {
                grading = new Start(settings.javaHome(), isFresh(cache, jar, settings.javaHome()) ? cache : null, false);
            } else {
                Path runtime = RoleRuntime.GRADING.prepare(settings.javaHome(), jar.getParent());
                if (runtime == null) {
                    LOG.warn("no grading runtime could be linked; grading workers start unconfined, on the class path");
                    grading = notebook;
                } else {
                    Path gradingCache = jar.resolveSibling(GRADING_CACHE_NAME);
                    if (!isFresh(gradingCache, jar, runtime)) {
                        trainGrading(runtime, jar, gradingCache);
                    }
                    grading = new Start(runtime, isFresh(gradingCache, jar, runtime) ? gradingCache : null, true);
                }
            }
            return new WorkerImage(jar, notebook, grading);
        }
    }

    private static Path runtimeOrJdk(RoleRuntime role, Path javaHome, Path jar) {
        Path runtime = role.prepare(javaHome, jar.getParent());
        if (runtime == null) {
            LOG.warn("no {} runtime could be linked; {} workers start on the full JDK", role.role(), role.role());
            return javaHome;
        }
        return runtime;
    }

    /** The AOT cache file of a role's workers, beside the worker jar. */
    static String cacheName(String role) {
        return role.equals(WorkerRole.GRADING_NAME) ? GRADING_CACHE_NAME : CACHE_NAME;
    }

    /** An AOT cache only works with the exact JDK build that made it; the stamp names that JDK. */
    static String jdkStamp(Path javaHome) {
        Path home = javaHome.toAbsolutePath().normalize();
        try {
            home = home.toRealPath();
            String version = Files.readAllLines(home.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_RUNTIME_VERSION=")).findFirst().orElse("");
            return home + "\n" + version + "\n";
        } catch (IOException unreadable) {
            return home + "\n";
        }
    }

    /** Names the JDK that made the cache: {@code worker.aot.jdk} beside {@code worker.aot}, and so on. */
    private static Path stamp(Path cache) {
        return cache.getFileName().toString().equals(CACHE_NAME) ? cache.resolveSibling(STAMP_NAME)
                : cache.resolveSibling(cache.getFileName() + ".jdk");
    }

    private static boolean isFresh(Path cache, Path jar, Path javaHome) {
        Path stamp = stamp(cache);
        try {
            return Files.isRegularFile(cache)
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) >= 0
                    && Files.readString(stamp).equals(jdkStamp(javaHome));
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean train(Path javaHome, Path jar, Path cache) {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
        command.addAll(JIT_FLAGS);
        command.addAll(List.of("-XX:AOTCacheOutput=" + partial(cache), "-Xlog:aot=error,cds=error", "-cp", classpath(jar),
                "otplab.worker.WorkerMain", "--train"));
        return train(command, cache, javaHome);
    }

    /** The grading runtime's training: the sample grading, on the module path, with the grading worker's flags. */
    private static boolean trainGrading(Path runtime, Path jar, Path cache) {
        List<String> command = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
        command.addAll(JIT_FLAGS);
        command.addAll(List.of("-XX:AOTCacheOutput=" + partial(cache), "-Xlog:aot=error,cds=error"));
        command.addAll(moduleLaunch(jar));
        command.addAll(List.of("--train", WorkerRole.GRADING_NAME));
        return train(command, cache, runtime);
    }

    private static Path partial(Path cache) {
        return cache.resolveSibling(cache.getFileName() + ".partial");
    }

    private static boolean train(List<String> command, Path cache, Path javaHome) {
        Path partial = partial(cache);
        try {
            // The launch environment, not the server's: a JAVA_TOOL_OPTIONS there would be in the cache's training run.
            Process process = Sandbox.launcher(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0
                    || !Files.isRegularFile(partial)) {
                process.destroyForcibly();
                LOG.warn("the worker AOT training run failed; workers start without the cache");
                return false;
            }
            Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(cache, FileTime.fromMillis(System.currentTimeMillis()));
            Files.writeString(stamp(cache), jdkStamp(javaHome));
            return true;
        } catch (IOException e) {
            LOG.warn("the worker AOT training run could not start: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The jar, then the libraries grading needs (JUnit) that Maven copies into {@code lib/} beside it. */
    static String classpath(Path jar) {
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            libs.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        } catch (IOException noLibraries) {
            // a worker without lib/ runs lesson cells; grading then reports that JUnit is missing
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    public Path jar() {
        return jar;
    }

    public Path folder() {
        return jar.getParent();
    }

    /** The notebook workers' AOT cache. */
    public Optional<Path> aotCache() {
        return Optional.ofNullable(notebook.cache());
    }

    /** The JDK notebook workers run on: their linked runtime, or the full JDK when none could be made. */
    public Path notebookJavaHome() {
        return notebook.javaHome();
    }

    /**
     * How a confined grading worker's JVM is started after its flags: the harness and the
     * framework (and JUnit's explicit modules) on the module path, the harness as the main module;
     * libraries without a module descriptor (H2) on the class path.
     */
    static List<String> moduleLaunch(Path jar) {
        List<String> modules = new ArrayList<>(List.of(jar.toString()));
        List<String> plain = new ArrayList<>();
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            libs.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .forEach(p -> (WorkerModules.descriptor(p) != null ? modules : plain).add(p.toString()));
        } catch (IOException noLibraries) {
            // the launch then fails on the missing framework module, which the worker start reports
        }
        List<String> launch = new ArrayList<>(NATIVE_ACCESS_FLAGS);
        launch.addAll(List.of("--module-path", String.join(java.io.File.pathSeparator, modules),
                "--add-modules", "ALL-MODULE-PATH"));
        if (!plain.isEmpty()) {
            launch.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, plain)));
        }
        launch.addAll(List.of("-m", WorkerModules.HARNESS + "/" + WorkerModules.HARNESS_MAIN));
        return launch;
    }

    /** The runtime a grading worker runs on, when it is confined (see {@link RoleRuntime#GRADING}). */
    public Optional<Path> gradingRuntime() {
        return grading.confined() ? Optional.of(grading.javaHome()) : Optional.empty();
    }

    /** The worker JVM command line (without any sandbox around it). */
    List<String> javaCommand(WorkerSettings settings, Path socket, WorkerRole role) {
        Start start = role.isGrading() ? grading : notebook;
        boolean confined = start.confined();
        List<String> command = new ArrayList<>(List.of(start.javaHome().resolve("bin/java").toString()));
        command.addAll(JIT_FLAGS);
        command.addAll(LOCKDOWN_FLAGS);
        Optional.ofNullable(start.cache()).ifPresent(path -> command.add("-XX:AOTCache=" + path));
        command.addAll(List.of(
                "-Xlog:aot=off,cds=off",
                "-Xms16m", "-Xmx" + settings.heapMb() + "m",
                "-XX:MaxMetaspaceSize=" + settings.metaspaceMb() + "m",
                "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=16m", "-Xss512k",
                "-XX:CICompilerCount=1", "-XX:+UseCompressedOops",
                // Gives freed malloc memory back while a session idles: -5 MB RSS (bench/sandbox/idle_memory.py).
                "-XX:TrimNativeHeapInterval=5000",
                "-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp", "-Dfile.encoding=UTF-8",
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8"));
        command.addAll(confined ? moduleLaunch(jar) : List.of("-cp", classpath(jar), "otplab.worker.WorkerMain"));
        command.addAll(List.of("--socket", socket.toString(), "--output-limit", Integer.toString(settings.outputBytes())));
        command.addAll(role.arguments());
        return command;
    }
}
