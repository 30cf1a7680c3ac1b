package otplab.worker.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import otplab.protocol.Frame;
import otplab.protocol.GradingCodec;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.protocol.GradingSeal;
import otplab.protocol.SourceFile;
import otplab.protocol.TestOutcome;
import otplab.protocol.TestSource;

/**
 * A trusted grading run inside a worker before any learner code exists: the build's AOT training
 * runs it once, and a grading worker started ahead of need runs it to load, link and compile javac,
 * the bytecode policy and the JUnit launcher while nobody is waiting, so the learner's grading that
 * follows finds them warm. Its classes live in a throwaway class loader, as every grading's do.
 */
public final class SampleGrading {
    /** A trusted exercise shaped like the course's: a GenServer the learner writes. */
    static final SourceFile GRADED_CLASS = new SourceFile("Counter.java", """
            import otp.From;
            import otp.GenServer;

            public final class Counter implements GenServer<Integer, Integer> {
                @Override public Init<Integer> init(Integer start) { return GenServer.ok(start); }
                @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) {
                    return GenServer.reply(n + 1, n + 1);
                }
            }
            """);

    /** Visible and hidden tests as exercises write them, one failing on purpose as a learner's often do. */
    static final SourceFile GRADED_TEST = new SourceFile("CounterTest.java", """
            import static org.junit.jupiter.api.Assertions.assertEquals;
            import static org.junit.jupiter.api.Assertions.assertTrue;

            import org.junit.jupiter.api.AfterEach;
            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Tag;
            import org.junit.jupiter.api.Test;
            import otp.GenServer;
            import otp.Pid;
            import otp.Process;

            class CounterTest {
                Pid counter;

                @AfterEach
                void stopCounter() {
                    if (counter != null && Process.isAlive(counter)) {
                        GenServer.stop(counter);
                    }
                }

                @Test
                @Tag("task:1")
                @DisplayName("each call answers one more")
                void eachCallAnswersOneMore() {
                    counter = GenServer.start(new Counter(), 41);
                    assertEquals(42, (int) GenServer.call(counter, "add"));
                    assertTrue(Process.isAlive(counter));
                }

                @Test
                @Tag("task:2")
                void aWrongExpectationFails() {
                    counter = GenServer.start(new Counter(), 0);
                    assertEquals(2, (int) GenServer.call(counter, "add"));
                }
            }
            """);

    static final SourceFile GRADED_HIDDEN_TEST = new SourceFile("CounterHiddenTest.java",
            GRADED_TEST.content().replace("class CounterTest", "class CounterHiddenTest"));

    private static final String JUNIT_LAUNCHER = "org.junit.platform.launcher.core.LauncherFactory";

    private SampleGrading() {}

    /** Without JUnit beside the jar a worker runs lesson cells only (a grading there reports JUnit missing). */
    public static boolean available() {
        try {
            Class.forName(JUNIT_LAUNCHER, false, SampleGrading.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Grades the sample as a grading worker would and checks the verdict, so a training or warm-up
     * whose grading goes wrong fails loudly instead of caching or warming a broken path.
     */
    public static void run() {
        GradingRequest request = new GradingRequest(List.of(GRADED_CLASS),
                List.of(new TestSource(GRADED_TEST, false), new TestSource(GRADED_HIDDEN_TEST, true)), Duration.ofSeconds(10));
        PrintStream out = System.out;
        PrintStream err = System.err;
        Frame answer;
        try {
            answer = GradingHarness.grade(new Frame(Frame.Type.GRADE, 1,
                    List.of(GradingSeal.FIELD, GradingSeal.random().token()), GradingCodec.encode(request)));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        GradingReport report;
        try {
            report = answer.type() == Frame.Type.GRADED ? GradingCodec.decodeReport(answer.data()) : null;
        } catch (IOException e) {
            throw new IllegalStateException("the sample grading's report is unreadable", e);
        }
        if (!(report instanceof GradingReport.Ran ran) || ran.outcomes().stream()
                .filter(o -> o.status() == TestOutcome.Status.PASSED).count() != ran.outcomes().size() / 2) {
            throw new IllegalStateException("the sample grading went wrong: " + (report == null ? answer : report));
        }
    }
}
