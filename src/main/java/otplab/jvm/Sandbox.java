package otplab.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OS layer around a worker: bubblewrap namespaces with a read-only view of only {@code /usr},
 * the JDK and the worker's folder, a private {@code /tmp}, no network, no nested user namespaces,
 * an empty environment from the first process on; an unprivileged uid per worker (via
 * {@code setpriv}) when the server is root; rlimits through {@code prlimit}; and, when the host
 * offers them, cgroup v1 pids and memory limits.
 */
public final class Sandbox {
    /** How runs are contained on this host. */
    public enum Mode {
        /** bubblewrap works: every worker runs inside it. */
        BUBBLEWRAP,
        /** bubblewrap cannot run and the operator explicitly allowed unsandboxed runs. */
        UNSAFE_NO_SANDBOX,
        /** bubblewrap cannot run: runs are refused. */
        UNAVAILABLE
    }

    /** First uid handed to workers; each worker gets its own so RLIMIT_NPROC counts per worker. */
    static final int FIRST_WORKER_UID = 61_000;
    static final int WORKER_UIDS = 1_000;
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    /**
     * The whole environment of the launch chain ({@code sh}, {@code prlimit}, {@code setpriv},
     * {@code bwrap}). bwrap's reaper is process 1 inside the sandbox under the worker's uid, so
     * its {@code /proc/1/environ} is readable by learner code: it must hold nothing of the server's.
     */
    static final Map<String, String> LAUNCH_ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
    private static final String BWRAP = HostTools.find("bwrap");
    private static final String SETPRIV = HostTools.find("setpriv");
    private static final String PRLIMIT = HostTools.find("prlimit");

    private final Mode mode;
    private final String reason;
    private final boolean root;
    private final boolean cgroups;
    private final AtomicInteger nextUid = new AtomicInteger();

    private Sandbox(Mode mode, String reason, boolean root, boolean cgroups) {
        this.mode = mode;
        this.reason = reason;
        this.root = root;
        this.cgroups = cgroups;
    }

    /** Probes the host once: can bubblewrap start a process with every namespace unshared? */
    public static Sandbox detect(WorkerSettings settings) {
        boolean root = "root".equals(System.getProperty("user.name")) || isUidZero();
        boolean cgroups = root && Files.isWritable(CGROUP_ROOT.resolve("pids")) && Files.isWritable(CGROUP_ROOT.resolve("memory"));
        String problem = probeBubblewrap(root);
        if (problem == null) {
            return new Sandbox(Mode.BUBBLEWRAP, "bubblewrap", root, cgroups);
        }
        if (settings.allowUnsandboxed()) {
            return new Sandbox(Mode.UNSAFE_NO_SANDBOX,
                    "UNSAFE: learner code runs without the OS sandbox because " + problem, root, cgroups);
        }
        return new Sandbox(Mode.UNAVAILABLE, "runs are refused because " + problem
                + "; install bubblewrap (apt-get install bubblewrap) or start with OTPLAB_UNSAFE_NO_SANDBOX=1 to run without it", root, cgroups);
    }

    private static boolean isUidZero() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .anyMatch(line -> line.startsWith("Uid:") && line.split("\\s+")[1].equals("0"));
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String probeBubblewrap(boolean root) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of(SETPRIV, "--reuid=" + FIRST_WORKER_UID, "--regid=" + FIRST_WORKER_UID,
                    "--clear-groups", "--"));
        }
        command.addAll(bwrapOptions(List.of(), null));
        command.addAll(List.of("--", "/usr/bin/true"));
        try {
            Process process = launcher(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "bubblewrap did not answer";
            }
            return process.exitValue() == 0 ? null : "bubblewrap failed: " + output;
        } catch (IOException e) {
            return "bubblewrap (bwrap) is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the bubblewrap probe was interrupted";
        }
    }

    /**
     * Namespaces and the file-system view; {@code binds} are extra read-only folders, {@code
     * controlDir} (when not null) the folder of the control socket.
     */
    private static List<String> bwrapOptions(List<Path> binds, Path controlDir) {
        // --unshare-user is explicit because --disable-userns needs it; together they leave learner
        // code no way to a fresh user namespace where it would be uid 0 (unshare -U -r, nested bwrap).
        List<String> options = new ArrayList<>(List.of(BWRAP, "--unshare-all", "--unshare-user", "--disable-userns",
                "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32")) {
            Path path = Path.of(top);
            if (Files.isSymbolicLink(path)) {
                try {
                    options.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), top));
                } catch (IOException unreadable) {
                    options.addAll(List.of("--ro-bind-try", top, top));
                }
            } else if (Files.isDirectory(path)) {
                options.addAll(List.of("--ro-bind", top, top));
            }
        }
        // The private /tmp comes before the binds: a checkout that itself lives under /tmp must
        // still show its worker folder instead of being covered by the empty tmpfs.
        options.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(64L * 1024 * 1024),
                "--tmpfs", "/tmp"));
        for (Path bind : binds) {
            if (!bind.startsWith("/usr/")) {
                options.addAll(List.of("--ro-bind", bind.toString(), bind.toString()));
            }
        }
        if (controlDir != null) {
            // Read-only: connecting to a socket needs no write access, and a writable bind would
            // let learner code fill the host's /tmp past the sandbox's 64 MiB one.
            options.addAll(List.of("--ro-bind", controlDir.toString(), controlDir.toString()));
        }
        // bwrap's root and /dev are tmpfs mounts without a size limit (half the host's memory),
        // writable by the worker's uid: read-only, only the 64 MiB /tmp is left to write.
        options.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
        options.addAll(List.of("--clearenv", "--setenv", "PATH", "/usr/bin", "--setenv", "HOME", "/tmp",
                "--setenv", "LANG", "C.UTF-8", "--chdir", "/tmp", "--hostname", "otplab-worker"));
        return options;
    }

    /**
     * A process builder for a command made by {@link #wrap}: its environment is {@link
     * #LAUNCH_ENVIRONMENT} only, never the server's (which holds secrets such as the database URL
     * or the instructor token).
     */
    public static ProcessBuilder launcher(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(LAUNCH_ENVIRONMENT);
        return builder;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException missing) {
            return path.toAbsolutePath().normalize();
        }
    }

    public Mode mode() {
        return mode;
    }

    /** What an operator or learner should read about the sandbox on this host. */
    public String description() {
        return reason;
    }

    /** A fresh uid for the next worker, cycling through a range reserved for workers. */
    int nextWorkerUid() {
        return FIRST_WORKER_UID + Math.floorMod(nextUid.getAndIncrement(), WORKER_UIDS);
    }

    boolean usesCgroups() {
        return cgroups && mode == Mode.BUBBLEWRAP;
    }

    boolean runsAsOtherUser() {
        return root && mode == Mode.BUBBLEWRAP;
    }

    /**
     * Wraps the worker's java command. {@code controlDir} (holding the control socket) is bound
     * read-only; everything else the worker sees is read-only too, but for a private {@code /tmp}.
     */
    List<String> wrap(WorkerSettings settings, WorkerImage image, Path controlDir, int uid, String cgroupName,
                      List<String> javaCommand) {
        if (mode == Mode.UNAVAILABLE) {
            throw new IllegalStateException(reason);
        }
        List<String> command = new ArrayList<>();
        if (usesCgroups()) {
            Path pids = CGROUP_ROOT.resolve("pids").resolve(cgroupName);
            Path memory = CGROUP_ROOT.resolve("memory").resolve(cgroupName);
            // The shell joins the cgroups before exec, so every later process and thread is inside.
            command.addAll(List.of("/bin/sh", "-c",
                    "echo $$ > " + pids.resolve("cgroup.procs") + " && echo $$ > " + memory.resolve("cgroup.procs")
                            + " && exec \"$@\"", "otplab-worker"));
        }
        long cpu = settings.cpuSeconds();
        command.addAll(List.of(PRLIMIT, "--cpu=" + cpu + ":" + (cpu + 5),
                "--fsize=" + settings.fileBytes() + ":" + settings.fileBytes(),
                "--nofile=" + settings.openFiles() + ":" + settings.openFiles(),
                "--core=0:0"));
        if (runsAsOtherUser()) {
            command.add("--nproc=" + settings.maxThreads() + ":" + settings.maxThreads());
        }
        command.add("--");
        if (mode == Mode.UNSAFE_NO_SANDBOX) {
            command.addAll(javaCommand);
            return command;
        }
        if (runsAsOtherUser()) {
            command.addAll(List.of(SETPRIV, "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
        }
        List<Path> binds = new ArrayList<>(List.of(realPath(settings.javaHome()), realPath(image.folder())));
        command.addAll(bwrapOptions(binds, controlDir));
        command.add("--");
        command.addAll(javaCommand);
        return command;
    }
}
