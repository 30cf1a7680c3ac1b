package otplab.worker.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades one solution inside a worker JVM: compiles the learner's files with the tests, runs
 * the tests with the JUnit Platform Launcher and reports one outcome per test. It runs
 * learner code, so it belongs in a sandboxed worker, never in the server.
 */
public final class GradingEngine {
    private final ClassDefinitionPolicy policy;

    private GradingEngine(ClassDefinitionPolicy policy) {
        this.policy = policy;
    }

    /** An engine whose learner classes are checked by {@code policy} before they are defined. */
    public static GradingEngine create(ClassDefinitionPolicy policy) {
        return new GradingEngine(Objects.requireNonNull(policy, "policy must not be null"));
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
        Map<String, String> learnerClassFiles = new HashMap<>();
        List<String> testFiles = request.tests().stream().map(t -> t.file().name()).toList();
        Map<String, InMemoryCompiler.CompiledClass> checked = new HashMap<>();
        for (InMemoryCompiler.CompiledClass c : compiled.classes().values()) {
            boolean learner = !testFiles.contains(c.sourceFile());
            if (learner) {
                learnerClassFiles.put(c.binaryName(), c.sourceFile());
                ClassDefinitionPolicy.Verdict verdict = policy.check(c.binaryName(), c.sourceFile(), c.bytes());
                switch (verdict) {
                    case ClassDefinitionPolicy.Verdict.Allowed allowed ->
                            checked.put(c.binaryName(), new InMemoryCompiler.CompiledClass(c.binaryName(), c.sourceFile(), allowed.bytes()));
                    case ClassDefinitionPolicy.Verdict.Refused refused -> {
                        return new GradingReport.Rejected(refused.message());
                    }
                }
            } else {
                checked.put(c.binaryName(), c);
            }
        }
        MemoryClassLoader loader = new MemoryClassLoader(checked, GradingEngine.class.getClassLoader());
        List<ClassSelector> selectors = new ArrayList<>();
        for (String name : compiled.testClassNames()) {
            try {
                selectors.add(DiscoverySelectors.selectClass(Class.forName(name, false, loader)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("javac reported class " + name + " but produced no bytes for it", e);
            }
        }
        OutcomeListener listener = new OutcomeListener(compiled.testMethods(), learnerClassFiles, capture);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try (LauncherSession session = LauncherFactory.openSession(launcherConfig())) {
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
