package otplab.worker.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import otplab.protocol.GradingReport;
import otplab.protocol.GradingRequest;
import otplab.worker.policy.BytecodePolicy;
import otplab.worker.policy.Guard;

/**
 * Grades one solution inside a worker JVM: compiles the learner's files with the tests, runs
 * the tests with the JUnit Platform Launcher and reports one outcome per test. It runs
 * learner code, so it belongs in a sandboxed worker, never in the server. Learner classes
 * pass the sandbox's {@link BytecodePolicy} before they are defined, as lesson cells do.
 */
public final class GradingEngine {

    private GradingEngine() {}

    public static GradingEngine create() {
        return new GradingEngine();
    }

    /**
     * Grades {@code request}. {@code capture} must already be installed as System.out/err so
     * that what tests print is attributed to them.
     */
    GradingReport grade(GradingRequest request, OutputCapture capture) {
        InMemoryCompiler.Result compiled = new InMemoryCompiler().compile(request.learnerFiles(), request.tests());
        return switch (compiled) {
            case InMemoryCompiler.Result.Failed failed -> new GradingReport.CompileFailed(failed.diagnostics());
            case InMemoryCompiler.Result.Compiled ok -> run(ok, request, capture);
        };
    }

    private GradingReport run(InMemoryCompiler.Result.Compiled compiled, GradingRequest request, OutputCapture capture) {
        List<String> testFiles = request.tests().stream().map(t -> t.file().name()).toList();
        Map<String, String> learnerClassFiles = new HashMap<>();
        Map<String, byte[]> learnerBytes = new HashMap<>();
        Map<String, byte[]> testBytes = new HashMap<>();
        for (InMemoryCompiler.CompiledClass c : compiled.classes().values()) {
            if (testFiles.contains(c.sourceFile())) {
                testBytes.put(c.binaryName(), c.bytes());
            } else {
                learnerClassFiles.put(c.binaryName(), c.sourceFile());
                learnerBytes.put(c.binaryName(), c.bytes());
            }
        }
        Map<String, byte[]> checked;
        try {
            // The same policy as lesson cells: learner classes only; the exercise's tests are trusted.
            checked = BytecodePolicy.apply(learnerBytes);
        } catch (BytecodePolicy.RejectedClass rejected) {
            return new GradingReport.Rejected(rejected.violations().stream()
                    .map(v -> learnerClassFiles.getOrDefault(v.className().replace('/', '.'), v.className())
                            + ":" + v.line() + ": " + v.message())
                    .distinct()
                    .collect(Collectors.joining("\n")));
        }
        // Tests live in a child loader: learner classes cannot name them, tests can name learner classes.
        MemoryClassLoader learnerLoader = new MemoryClassLoader("learner", checked, GradingEngine.class.getClassLoader());
        // Reflection from learner code reaches this loader's classes only: never the tests' below it.
        Guard.registerLearnerLoader(learnerLoader);
        MemoryClassLoader testLoader = new MemoryClassLoader("tests", testBytes, learnerLoader);
        List<ClassSelector> selectors = new ArrayList<>();
        for (String name : compiled.testClassNames()) {
            try {
                selectors.add(DiscoverySelectors.selectClass(Class.forName(name, false, testLoader)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("javac reported class " + name + " but produced no bytes for it", e);
            }
        }
        OutcomeListener listener = new OutcomeListener(compiled.testMethods(), learnerClassFiles, capture);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (LauncherSession session = LauncherFactory.openSession(launcherConfig())) {
            thread.setContextClassLoader(learnerLoader);
            Launcher launcher = session.getLauncher();
            TestPlan plan = launcher.discover(discovery(selectors, request.testTimeout()));
            launcher.execute(plan, listener);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return new GradingReport.Ran(listener.outcomes(), listener.containerFailures());
    }

    private static LauncherConfig launcherConfig() {
        // Engines come from the worker's own classpath (Jupiter); no listeners or filters are
        // picked up through service loading, so nothing on the classpath changes the verdict.
        return LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .build();
    }

    private static LauncherDiscoveryRequest discovery(List<ClassSelector> selectors, Duration timeout) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.execution.timeout.default", timeout.toMillis() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .enableImplicitConfigurationParameters(false)
                .build();
    }
}
