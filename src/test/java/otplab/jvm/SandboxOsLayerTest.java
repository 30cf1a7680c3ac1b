package otplab.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OS layer alone, with the bytecode policy out of the way: a trusted probe (bash, not the
 * worker JVM) runs inside exactly the sandbox a worker gets and reports what it can see and reach.
 * Each check has a control (something the probe must see) so a probe that saw nothing cannot pass.
 */
class SandboxOsLayerTest {
    private static final String PROBE = """
            port="$1"; shift
            for path in "$@"; do
              if [ -e "$path" ]; then echo "visible $path"; else echo "hidden $path"; fi
              if [ -d "$path" ]; then echo "entries:$path $(ls -A "$path" | tr '\n' ' ')"; fi
            done
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "loopback connected"; else echo "loopback refused"; fi
            if timeout 5 bash -c 'exec 3<>/dev/tcp/1.1.1.1/53' 2>/dev/null; then echo "internet connected"; else echo "internet refused"; fi
            echo "interfaces $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' ')"
            if (echo x > /usr/otplab-probe) 2>/dev/null; then echo "usr writable"; else echo "usr read-only"; fi
            if (echo x > /tmp/otplab-probe) 2>/dev/null; then echo "tmp writable"; else echo "tmp read-only"; fi
            if (echo x > /otplab-probe) 2>/dev/null; then echo "root writable"; else echo "root read-only"; fi
            if (echo x > /dev/shm/otplab-probe) 2>/dev/null; then echo "shm writable"; else echo "shm read-only"; fi
            if (echo x > /dev/null) 2>/dev/null; then echo "devnull writable"; else echo "devnull read-only"; fi
            echo "uid $(id -u)"
            echo "env $(env | cut -d= -f1 | sort | tr '\\n' ' ')"
            if unshare -U -r true 2>/dev/null; then echo "unshare-root $(unshare -U -r id -u)"; else echo "unshare-root refused"; fi
            if bwrap --unshare-user --uid 0 --ro-bind /usr /usr true 2>/dev/null; then echo "nested-bwrap $(bwrap --unshare-user --uid 0 --ro-bind /usr /usr /usr/bin/id -u)"; else echo "nested-bwrap refused"; fi
            echo "control-unshare $(unshare -U true 2>&1 | tr -d '\\n')"
            """;

    private static Path secrets;
    private static Path hostTmpSecret;

    @BeforeAll
    static void plantSecrets() throws IOException {
        // Outside /tmp on purpose: the sandbox's /tmp is private anyway, the repository is what must not show.
        secrets = Files.createDirectories(Path.of("target", "probe-exercises", "hidden-" + ProcessHandle.current().pid()).toAbsolutePath());
        Files.writeString(secrets.resolve("HiddenTest.java"), "class HiddenTest {}");
        hostTmpSecret = Files.writeString(Files.createTempFile("otplab-host-secret", ".txt"), "secret");
    }

    @AfterAll
    static void removeSecrets() throws IOException {
        try (Stream<Path> files = Files.walk(secrets.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(hostTmpSecret);
    }

    /** Runs the probe inside the sandbox a worker would get; answers its report line by line. */
    private static Map<String, String> probe(int port, List<Path> paths) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(port)));
        paths.forEach(path -> arguments.add(path.toString()));
        String report = SandboxProbe.run(PROBE, arguments);
        Map<String, String> answers = new LinkedHashMap<>();
        report.lines().forEach(line -> {
            int space = line.indexOf(' ');
            if (space > 0) {
                String head = line.substring(0, space);
                String rest = line.substring(space + 1);
                if (head.equals("visible") || head.equals("hidden")) {
                    answers.put(rest, head);
                } else {
                    answers.put(head, rest);
                }
            }
        });
        return answers;
    }

    @Test
    void aProcessInTheSandboxSeesNeitherEtcNorTheRepositoryNorExercisesNorHome() throws Exception {
        Path repository = Path.of("").toAbsolutePath();
        WorkerSettings settings = WorkerSettings.defaults();
        Path jdk = settings.javaHome().toRealPath();
        Path workerJar = settings.workerJar().toRealPath();
        Map<String, String> seen = probe(1, List.of(Path.of("/etc/passwd"), Path.of("/etc/shadow"), Path.of("/etc"),
                repository.resolve("pom.xml"), repository.resolve("src"), secrets.resolve("HiddenTest.java"),
                hostTmpSecret, Path.of("/root"), Path.of("/home"), Path.of("/var/run"),
                jdk.resolve("bin/java"), workerJar, repository));

        for (Path hidden : List.of(Path.of("/etc/passwd"), Path.of("/etc/shadow"), Path.of("/etc"), repository.resolve("pom.xml"),
                repository.resolve("src"), secrets.resolve("HiddenTest.java"), hostTmpSecret, Path.of("/root"),
                Path.of("/home"), Path.of("/var/run"))) {
            assertEquals("hidden", seen.get(hidden.toString()), hidden + " must not be visible; the probe saw " + seen);
        }
        // The worker's folder is bound at its own path, so its parents exist, but only as empty stems.
        assertEquals("target", seen.get("entries:" + repository).strip(), "the repository must show nothing but the way to the worker jar");
        // Controls: what a worker needs is there, so "hidden" above is not a probe that sees nothing.
        assertEquals("visible", seen.get(jdk.resolve("bin/java").toString()), seen.toString());
        assertEquals("visible", seen.get(workerJar.toString()), seen.toString());
        assertEquals("read-only", seen.get("usr"));
        assertEquals("writable", seen.get("tmp"));
        // The sandbox's root and /dev are unbounded tmpfs mounts: only the sized /tmp may take writes.
        assertEquals("read-only", seen.get("root"));
        assertEquals("read-only", seen.get("shm"));
        assertEquals("writable", seen.get("devnull"), "devices still work on a read-only /dev");
        // Only what the sandbox sets (HOME, LANG, PATH) and what bash adds itself; nothing of the server's.
        Set<String> names = Set.of(seen.get("env").strip().split(" "));
        assertTrue(Set.of("HOME", "LANG", "PATH", "PWD", "SHLVL", "OLDPWD", "_").containsAll(names), "the environment leaked: " + names);
        assertTrue(names.contains("PATH"), names.toString());
        assertNotEquals("0", seen.get("uid"), "workers never run as root");
    }

    @Test
    void theControlFolderIsVisibleButNotWritableSoTheHostsTmpCannotBeFilled() throws Exception {
        String report = SandboxProbe.run("""
                if [ -d "$1" ]; then echo "control visible"; else echo "control hidden"; fi
                if (echo x > "$1/filler") 2>/dev/null; then echo "control writable"; else echo "control read-only"; fi
                """, List.of(SandboxProbe.CONTROL_FOLDER));
        assertTrue(report.contains("control visible"), report);
        assertTrue(report.contains("control read-only"), report);
    }

    @Test
    void aSecondProcessInTheSandboxCannotAttachToAWorkerJvm() throws Exception {
        String java = WorkerSettings.defaults().javaHome().toRealPath().resolve("bin").toString();
        // The same JVM twice: once as a worker starts (its lockdown flags), once without them as the control.
        String report = SandboxProbe.run("""
                bin="$1"; shift
                printf 'class Wait { public static void main(String[] a) throws Exception { System.out.println("ready"); Thread.sleep(120_000); } }' > /tmp/Wait.java
                attach() {
                  rm -f /tmp/ready
                  "$bin/java" -XX:-UsePerfData "$@" /tmp/Wait.java > /tmp/ready 2>&1 &
                  target=$!
                  for _ in $(seq 1 600); do grep -q ready /tmp/ready 2>/dev/null && break; sleep 0.1; done
                  if timeout 60 "$bin/jcmd" "$target" VM.version > /tmp/jcmd.out 2>&1 && grep -q 'JDK' /tmp/jcmd.out; then echo attached; else echo refused; fi
                  kill -9 "$target"
                }
                echo "control $(attach)"
                echo "worker $(attach "$@")"
                """, Stream.concat(Stream.of(java), WorkerImage.LOCKDOWN_FLAGS.stream()).toList());
        assertTrue(report.contains("control attached"), "without the flags jcmd must attach, else this test shows nothing: " + report);
        assertTrue(report.contains("worker refused"), "jcmd attached to a JVM with the worker's flags: " + report);
    }

    @Test
    void aProcessInTheSandboxCannotBecomeRootInANestedUserNamespace() throws Exception {
        Map<String, String> seen = probe(1, List.of(Path.of("/usr/bin/unshare"), Path.of("/usr/bin/bwrap")));
        // Controls: the tools are there, so a refusal is the sandbox's and not a missing program.
        assertEquals("visible", seen.get("/usr/bin/unshare"), seen.toString());
        assertEquals("visible", seen.get("/usr/bin/bwrap"), seen.toString());
        assertEquals("refused", seen.get("unshare-root"), "unshare -U -r must fail inside the sandbox: " + seen);
        assertEquals("refused", seen.get("nested-bwrap"), "a nested bwrap must not map uid 0: " + seen);
        assertTrue(seen.get("control-unshare").contains("unshare failed"), "the kernel itself must refuse: " + seen);
    }

    @Test
    void aProcessInTheSandboxHasNoNetworkNotEvenTheHostsLoopback() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> report = probe(listener.getLocalPort(), List.of());
            assertEquals("refused", report.get("loopback"), report.toString());
            assertEquals("refused", report.get("internet"), report.toString());
            assertEquals("lo", report.get("interfaces").strip(), "only the sandbox's own loopback should exist");
            listener.setSoTimeout(200);
            try {
                listener.accept().close();
                throw new AssertionError("the probe reached a server on the host's loopback");
            } catch (SocketTimeoutException expected) {
                // nothing connected: the network namespace holds
            }
        }
    }
}
