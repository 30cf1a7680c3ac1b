package otplab.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Nothing of the server's environment reaches the sandbox, even for code that already runs native
 * processes there: a trusted probe reads the environment of every process it can see (bwrap's
 * reaper is process 1, under the same uid) and looks for the server's process.
 */
class SandboxEnvironmentTest {
    private static final String PROBE = """
            server_pid="$1"
            for file in /proc/[0-9]*/environ; do
              if [ -r "$file" ]; then tr '\\0' '\\n' < "$file" | sed "s|^|environ $file |"; fi
            done
            for file in /proc/[0-9]*/cmdline; do
              echo "process $(tr '\\0' ' ' < "$file")"
            done
            if [ -e "/proc/$server_pid" ]; then echo "server-pid visible"; else echo "server-pid hidden"; fi
            """;
    /** What the launch chain and the sandbox set, plus what bash exports to its own children. */
    private static final Set<String> ALLOWED = Set.of("PATH", "LANG", "HOME", "PWD", "SHLVL", "OLDPWD", "_");
    /** Set by bash inside the sandbox from its own state, so equal to the server's only by chance. */
    private static final Set<String> BASH_OWN = Set.of("PWD", "SHLVL", "OLDPWD", "_");

    private static List<String> report() throws Exception {
        long serverPid = ProcessHandle.current().pid();
        return SandboxProbe.run(PROBE, List.of(Long.toString(serverPid))).lines().toList();
    }

    @Test
    void noProcessInTheSandboxCarriesAVariableOfTheServersEnvironment() throws Exception {
        List<String> report = report();
        List<String> variables = report.stream().filter(line -> line.startsWith("environ ")).toList();
        Set<String> names = new TreeSet<>();
        variables.forEach(line -> {
            String assignment = line.split(" ", 3)[2];
            names.add(assignment.contains("=") ? assignment.substring(0, assignment.indexOf('=')) : assignment);
        });
        // Control: process 1 (bwrap's reaper) was read, and it holds the launch environment.
        assertTrue(variables.contains("environ /proc/1/environ PATH=/usr/bin:/bin"), "process 1 was not read: " + report);
        assertTrue(ALLOWED.containsAll(names), "the sandbox sees variables it was never given: " + names);
        for (Map.Entry<String, String> server : System.getenv().entrySet()) {
            String assignment = server.getKey() + "=" + server.getValue();
            boolean given = server.getValue().equals(Sandbox.LAUNCH_ENVIRONMENT.get(server.getKey()));
            if (!given && !BASH_OWN.contains(server.getKey())) {
                assertTrue(variables.stream().noneMatch(line -> line.endsWith(" " + assignment)),
                        "the server's " + server.getKey() + " is readable inside the sandbox");
            }
        }
    }

    @Test
    void theServersProcessIsNeitherVisibleNorReadableFromTheSandbox() throws Exception {
        List<String> report = report();
        List<String> processes = report.stream().filter(line -> line.startsWith("process ")).toList();
        assertEquals("server-pid hidden", report.stream().filter(line -> line.startsWith("server-pid")).findFirst().orElseThrow());
        // Control: the probe sees its own processes (bwrap's reaper and itself), only those of its pid namespace.
        assertTrue(processes.stream().anyMatch(line -> line.contains("bwrap")), processes.toString());
        assertTrue(processes.stream().anyMatch(line -> line.contains("/usr/bin/bash")), processes.toString());
        String serverCommand = ProcessHandle.current().info().commandLine().orElse("java");
        assertFalse(processes.stream().anyMatch(line -> line.contains(serverCommand) || line.contains("surefire")),
                "a process outside the sandbox is visible: " + processes);
    }
}
