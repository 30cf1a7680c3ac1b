package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.jvm.OutputListener;
import otplab.jvm.RunRoot;
import otplab.jvm.Sandbox;
import otplab.jvm.WorkerConnection;
import otplab.jvm.WorkerImage;
import otplab.jvm.WorkerSettings;
import otplab.protocol.RunStatus;

class NotebookWorkerTest {
    private static WorkerSettings settings;
    private static Sandbox sandbox;
    private static WorkerImage image;
    private static final Path ROOT = Path.of("/tmp/otplab-runner-test-" + ProcessHandle.current().pid());

    @BeforeAll
    static void prepare() {
        settings = WorkerSettings.builder().wallTime(java.time.Duration.ofSeconds(3)).build();
        sandbox = Sandbox.detect(settings);
        image = WorkerImage.prepare(settings);
    }

    @AfterAll
    static void removeRunRoot() {
        RunRoot.remove(ROOT);
    }

    @Test
    void runsACellInsideTheSandboxAndLeavesNoProcessBehind() throws Exception {
        assertEquals(Sandbox.Mode.BUBBLEWRAP, sandbox.mode(), sandbox.description());
        NotebookWorker worker = new NotebookWorker(WorkerConnection.start(settings, sandbox, image, ROOT, w -> { }));
        List<ProcessHandle> tree = worker.connection().processTree();
        RunResult result = worker.run("System.out.println(\"hi\"); System.err.print(\"oops\");", OutputListener.NONE);
        assertEquals(RunStatus.OK, result.status(), result.toString());
        assertEquals("hi\n", result.stdout());
        assertEquals("oops", result.stderr());
        RunResult whoami = worker.run("new String(new ProcessBuilder().command().toString())", OutputListener.NONE);
        assertEquals(RunStatus.REJECTED, whoami.status(), whoami.toString());
        worker.close();
        assertFalse(worker.isAlive());
        assertTrue(Leftovers.noneAlive(tree), "a worker process was left running: " + Leftovers.describe(tree));
    }
}
