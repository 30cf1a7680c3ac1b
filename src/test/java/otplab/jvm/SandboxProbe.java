package otplab.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a trusted bash script inside exactly the sandbox a worker gets (same wrapper chain, same
 * launch environment, same cgroups), so a test can look at the OS layer with the bytecode policy
 * out of the way: the script stands for learner code that already runs arbitrary native code.
 */
final class SandboxProbe {
    /** An argument that becomes the path of the worker's control folder. */
    static final String CONTROL_FOLDER = "{control}";

    private SandboxProbe() {}

    /**
     * The script's combined output; fails the test when the sandbox is unavailable or the script
     * fails. When an argument is {@link #CONTROL_FOLDER}, the folder is also made writable for
     * everyone, as it would be for a server running under the worker's own uid, so only the
     * sandbox's bind can keep the probe from writing there.
     */
    static String run(String script, List<String> arguments) throws Exception {
        WorkerSettings settings = WorkerSettings.defaults();
        Sandbox sandbox = Sandbox.detect(settings);
        assertEquals(Sandbox.Mode.BUBBLEWRAP, sandbox.mode(), "the OS sandbox must be available: " + sandbox.description());
        WorkerImage image = WorkerImage.prepare(settings);
        Path controlDir = Files.createTempDirectory("otplab-probe-");
        Files.setPosixFilePermissions(controlDir, PosixFilePermissions.fromString("rwx--x--x"));
        String cgroup = "probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        if (sandbox.usesCgroups()) {
            WorkerConnection.createCgroups(settings, cgroup);
        }
        try {
            List<String> probe = new ArrayList<>(List.of("/usr/bin/bash", "-c", script, "probe"));
            for (String argument : arguments) {
                if (argument.equals(CONTROL_FOLDER)) {
                    Files.setPosixFilePermissions(controlDir, PosixFilePermissions.fromString("rwxrwxrwx"));
                    probe.add(controlDir.toString());
                } else {
                    probe.add(argument);
                }
            }
            List<String> command = sandbox.wrap(settings, image, controlDir, sandbox.nextWorkerUid(),
                    WorkerConnection.CGROUP_PARENT + "/" + cgroup, probe);
            Process process = Sandbox.launcher(command).redirectErrorStream(true).start();
            String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
            assertEquals(0, process.exitValue(), report);
            return report;
        } finally {
            WorkerConnection.removeCgroups(sandbox.usesCgroups() ? cgroup : null);
            Files.deleteIfExists(controlDir);
        }
    }
}
