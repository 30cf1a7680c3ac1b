package otplab.worker.grading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import otplab.protocol.GradingReport;
import otplab.protocol.TestOutcome;

/**
 * Records one outcome per test as the JUnit Platform runs them, with the output printed while
 * each test ran, and the containers (test classes) that failed outside any test.
 */
final class OutcomeListener implements TestExecutionListener {
    private static final String TASK_TAG_PREFIX = "task:";
    private static final int UNKNOWN_ORDER = Integer.MAX_VALUE;

    private final Map<String, InMemoryCompiler.TestMethod> testMethods;
    private final Map<String, String> learnerClassFiles;
    private final OutputCapture capture;
    private final Map<String, Long> startedAt = new HashMap<>();
    private final List<Recorded> recorded = new ArrayList<>();
    private final List<GradingReport.ContainerFailure> containerFailures = new ArrayList<>();
    private TestPlan plan;

    private record Recorded(TestOutcome outcome, int sequence) {}

    OutcomeListener(Map<String, InMemoryCompiler.TestMethod> testMethods, Map<String, String> learnerClassFiles,
                    OutputCapture capture) {
        this.testMethods = testMethods;
        this.learnerClassFiles = learnerClassFiles;
        this.capture = capture;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            capture.switchTarget();
            startedAt.put(id.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            String output = capture.switchTarget();
            long duration = System.nanoTime() - startedAt.getOrDefault(id.getUniqueId(), System.nanoTime());
            recorded.add(new Recorded(outcome(id, result, output, duration), recorded.size()));
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.getSource().isPresent()) {
            containerFailures.add(new GradingReport.ContainerFailure(id.getDisplayName(),
                    describe(result.getThrowable().orElse(null))));
        }
    }

    /** Tests in file order; a test the plan held but that never ran is reported as an error. */
    List<TestOutcome> outcomes() {
        List<TestOutcome> outcomes = new ArrayList<>(recorded.stream()
                .sorted(Comparator.comparingInt((Recorded r) -> r.outcome.order()).thenComparingInt(Recorded::sequence))
                .map(Recorded::outcome)
                .toList());
        if (plan != null) {
            plan.getRoots().forEach(root -> plan.getDescendants(root).stream()
                    .filter(TestIdentifier::isTest)
                    .filter(id -> !startedAt.containsKey(id.getUniqueId()))
                    .map(this::notRun)
                    .forEach(outcomes::add));
            outcomes.sort(Comparator.comparingInt(TestOutcome::order));
        }
        return outcomes;
    }

    List<GradingReport.ContainerFailure> containerFailures() {
        return List.copyOf(containerFailures);
    }

    private TestOutcome notRun(TestIdentifier id) {
        String message = containerFailures.isEmpty()
                ? "this test did not run"
                : "this test did not run because " + containerFailures.getFirst().name() + " failed: "
                        + containerFailures.getFirst().message();
        return build(id, TestOutcome.Status.ERRORED, message, "", 0);
    }

    private TestOutcome outcome(TestIdentifier id, TestExecutionResult result, String output, long duration) {
        Throwable thrown = result.getThrowable().orElse(null);
        TestOutcome.Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> TestOutcome.Status.PASSED;
            case FAILED -> thrown instanceof AssertionError || thrown instanceof TimeoutException
                    ? TestOutcome.Status.FAILED : TestOutcome.Status.ERRORED;
            case ABORTED -> TestOutcome.Status.ERRORED;
        };
        String message = status == TestOutcome.Status.PASSED ? "" : describe(thrown);
        return build(id, status, message, output, duration);
    }

    private TestOutcome build(TestIdentifier id, TestOutcome.Status status, String message, String output,
                              long duration) {
        Optional<MethodSource> method = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        String className = method.map(MethodSource::getClassName).orElse("");
        String methodName = method.map(MethodSource::getMethodName).orElse(id.getDisplayName());
        InMemoryCompiler.TestMethod where = testMethods.get(InMemoryCompiler.methodKey(className, methodName));
        return new TestOutcome(className, methodName, nameOf(id), status, message, output,
                where == null ? "" : where.code(), where == null || where.hidden(), taskOf(id), duration, where == null ? UNKNOWN_ORDER : where.order());
    }

    /** An invocation of a parameterized or repeated test is named after its method too. */
    private String nameOf(TestIdentifier id) {
        Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(id);
        boolean invocation = parent.flatMap(TestIdentifier::getSource).map(MethodSource.class::isInstance).orElse(false);
        return invocation ? parent.get().getDisplayName() + " " + id.getDisplayName() : id.getDisplayName();
    }

    private Integer taskOf(TestIdentifier id) {
        return id.getTags().stream()
                .map(tag -> tag.getName())
                .filter(tag -> tag.startsWith(TASK_TAG_PREFIX))
                .map(tag -> tag.substring(TASK_TAG_PREFIX.length()).strip())
                .filter(n -> n.matches("\\d{1,6}"))
                .map(Integer::valueOf)
                .findFirst()
                .orElse(null);
    }

    /**
     * A learner-readable sentence: assertion messages as they are; other exceptions with their
     * type and the first line of learner code they passed through.
     */
    String describe(Throwable thrown) {
        if (thrown == null) {
            return "failed without an exception";
        }
        if (thrown instanceof TimeoutException) {
            return "did not finish in time (" + thrown.getMessage() + "); look for an endless loop or a call that never returns";
        }
        if (thrown instanceof AssertionError) {
            return thrown.getMessage() == null ? "an assertion failed" : thrown.getMessage();
        }
        Throwable cause = thrown instanceof ExceptionInInitializerError && thrown.getCause() != null ? thrown.getCause() : thrown;
        StringBuilder text = new StringBuilder(cause.getClass().getName());
        if (cause.getMessage() != null) {
            text.append(": ").append(cause.getMessage());
        }
        if (cause != thrown) {
            text.insert(0, "a static initialiser threw ");
        }
        for (StackTraceElement frame : cause.getStackTrace()) {
            String file = learnerClassFiles.get(frame.getClassName());
            if (file != null && frame.getLineNumber() > 0) {
                text.append(" (at ").append(file).append(':').append(frame.getLineNumber()).append(')');
                break;
            }
        }
        return text.toString();
    }
}
