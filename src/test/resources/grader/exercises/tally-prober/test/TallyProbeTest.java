import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.InaccessibleObjectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Trusted probes that stand for learner code past the bytecode policy (tests are not policed): each
 * tries one door out of a grading with arbitrary code and passes only when the JVM or the kernel
 * keeps it shut. Started the old way (full JDK, class path, dumpable) every probe fails, which is
 * what shows that each can fail.
 */
class TallyProbeTest {
    @Test
    @Tag("task:1")
    @DisplayName("a word never added counts zero")
    void unknownWordCountsZero() {
        assertEquals(0, new Tally().count("otp"));
    }

    @Test
    @Tag("task:1")
    void sunMiscUnsafeIsAbsent() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("sun.misc.Unsafe"), "sun.misc.Unsafe is loadable");
    }

    @Test
    @Tag("task:1")
    void theHarnessCannotBeOpenedByReflection() throws Exception {
        refusesToOpen(Class.forName("otplab.worker.WorkerMain").getDeclaredField("channel"));
        refusesToOpen(Class.forName("otplab.worker.grading.OutcomeListener").getDeclaredFields()[0]);
    }

    @Test
    @Tag("task:1")
    void theJunitLauncherCannotBeOpenedByReflection() throws Exception {
        refusesToOpen(Class.forName("org.junit.platform.launcher.core.DefaultLauncher").getDeclaredFields()[0]);
    }

    @Test
    @Tag("task:1")
    void theFrameworksPageHostCannotBeOpenedByReflection() throws Exception {
        refusesToOpen(Class.forName("otp.live.LivePage").getDeclaredField("host"));
    }

    @Test
    @Tag("task:1")
    void nativeLibrariesCannotBeLoaded() {
        assertThrows(IllegalCallerException.class, () -> System.load("/usr/lib/x86_64-linux-gnu/libc.so.6"),
                "System.load loaded libc");
    }

    @Test
    @Tag("task:1")
    void theForeignLinkerIsRefused() {
        Linker linker = Linker.nativeLinker();
        assertThrows(IllegalCallerException.class, () -> linker.downcallHandle(linker.defaultLookup().find("getpid").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT)), "a downcall to getpid was linked");
    }

    @Test
    @Tag("task:1")
    void theJvmCannotOpenItsOwnMemory() {
        assertThrows(IOException.class, () -> new RandomAccessFile("/proc/self/mem", "r").close(), "/proc/self/mem opened");
    }

    @Test
    @Tag("task:1")
    void aChildProcessCannotReadTheJvmsMemory() throws Exception {
        String script = "start=$(head -1 /proc/$PPID/maps 2>/dev/null | cut -d- -f1);"
                + " if [ -z \"$start\" ]; then echo 'maps unreadable'; exit 0; fi;"
                + " dd if=/proc/$PPID/mem bs=1 count=16 skip=$((0x$start)) 2>/dev/null | wc -c";
        Process child = new ProcessBuilder("/usr/bin/sh", "-c", script).redirectErrorStream(true).start();
        String answer = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        child.waitFor();
        System.out.println("a child reading /proc/PPID/mem got: " + answer);
        assertEquals("maps unreadable", answer, "a child process read the JVM's memory");
    }

    @Test
    @Tag("task:1")
    void theControlSocketTakesNoSecondConnection() {
        String command = System.getProperty("sun.java.command", "");
        int at = command.indexOf("--socket ");
        assertTrue(at >= 0, "the worker's command line names its socket: " + command);
        String path = command.substring(at + "--socket ".length()).split(" ")[0];
        assertThrows(IOException.class, () -> {
            try (SocketChannel second = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                second.connect(UnixDomainSocketAddress.of(path));
            }
        }, "a second connection to " + path + " was accepted");
    }

    @Test
    @Tag("task:1")
    void learnerCodeCannotNameALearnerLoader() {
        assertThrows(SecurityException.class,
                () -> otplab.worker.policy.Guard.registerLearnerLoader(ClassLoader.getSystemClassLoader()),
                "the guard took the worker's own loader as a learner loader");
    }

    private static void refusesToOpen(AccessibleObject member) {
        assertThrows(InaccessibleObjectException.class, () -> member.setAccessible(true), member + " was opened");
    }
}
