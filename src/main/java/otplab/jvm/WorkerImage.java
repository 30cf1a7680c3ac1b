package otplab.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    static final String CACHE_NAME = "worker.aot";
    /** Names the JDK build that made the cache (see {@link #jdkStamp}). */
    static final String STAMP_NAME = "worker.aot.jdk";
    /** Longest a training run may take; a busy machine needs well over the ~5 s it takes when idle. */
    static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(240);

    private final Path jar;
    private final Path aotCache;

    private WorkerImage(Path jar, Path aotCache) {
        this.jar = jar;
        this.aotCache = aotCache;
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
     * The build step ({@code exec-maven-plugin}, phase {@code package}): makes the AOT cache next to
     * the worker jar given as the only argument, with this JVM's JDK, unless a fresh one is there.
     * A failed training is reported and not fatal: runners then train on their first start.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: WorkerImage PATH/TO/otplab-VERSION-worker.jar");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path cache = jar.resolveSibling(CACHE_NAME);
        if (isFresh(cache, jar, javaHome)) {
            System.out.println("otplab: the worker AOT cache is up to date");
        } else if (train(javaHome, jar, cache)) {
            System.out.println("otplab: worker AOT cache written to " + cache);
        } else {
            System.out.println("otplab: WARNING: the worker AOT training run failed; runners will retry on their first start");
        }
    }

    /** Prepares the image, running the AOT training when the cache is missing, older than the jar or of another JDK. */
    public static WorkerImage prepare(WorkerSettings settings) {
        Path jar = settings.workerJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the worker jar " + jar + " is missing; run ./otplab build");
        }
        Path cache = jar.resolveSibling(CACHE_NAME);
        synchronized (WorkerImage.class) {
            if (!isFresh(cache, jar, settings.javaHome())) {
                train(settings.javaHome(), jar, cache);
            }
        }
        return new WorkerImage(jar, isFresh(cache, jar, settings.javaHome()) ? cache : null);
    }

    /** An AOT cache only works with the exact JDK build that made it; the stamp names that JDK. */
    private static String jdkStamp(Path javaHome) {
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

    private static boolean isFresh(Path cache, Path jar, Path javaHome) {
        Path stamp = cache.resolveSibling(STAMP_NAME);
        try {
            return Files.isRegularFile(cache)
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) >= 0
                    && Files.readString(stamp).equals(jdkStamp(javaHome));
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean train(Path javaHome, Path jar, Path cache) {
        Path partial = cache.resolveSibling(CACHE_NAME + ".partial");
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
        command.addAll(JIT_FLAGS);
        command.addAll(List.of("-XX:AOTCacheOutput=" + partial, "-Xlog:aot=error,cds=error", "-cp", classpath(jar),
                "otplab.worker.WorkerMain", "--train"));
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
            Files.writeString(cache.resolveSibling(STAMP_NAME), jdkStamp(javaHome));
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

    public Optional<Path> aotCache() {
        return Optional.ofNullable(aotCache);
    }

    /** The worker JVM command line (without any sandbox around it). */
    List<String> javaCommand(WorkerSettings settings, Path socket, WorkerRole role) {
        List<String> command = new ArrayList<>(List.of(settings.javaHome().resolve("bin/java").toString()));
        command.addAll(JIT_FLAGS);
        command.addAll(LOCKDOWN_FLAGS);
        aotCache().ifPresent(path -> command.add("-XX:AOTCache=" + path));
        command.addAll(List.of(
                "-Xlog:aot=off,cds=off",
                "-Xms16m", "-Xmx" + settings.heapMb() + "m",
                "-XX:MaxMetaspaceSize=" + settings.metaspaceMb() + "m",
                "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=16m", "-Xss512k",
                "-XX:CICompilerCount=1", "-XX:+UseCompressedOops",
                // Gives freed malloc memory back while a session idles: -5 MB RSS (bench/sandbox/idle_memory.py).
                "-XX:TrimNativeHeapInterval=5000",
                "-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp", "-Dfile.encoding=UTF-8",
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-cp", classpath(jar), "otplab.worker.WorkerMain",
                "--socket", socket.toString(), "--output-limit", Integer.toString(settings.outputBytes())));
        command.addAll(role.arguments());
        return command;
    }
}
