package otplab.worker.policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution engine, changed in two ways. Every learner class passes through
 * {@link BytecodePolicy} (which also weaves {@link StopCheck}) before it is defined; refused
 * classes are never defined and the refusal is kept so the notebook can report it with the cell's
 * line. And every snippet runs on the session's one {@link SessionThread} instead of a new thread
 * per statement, so the session is one {@code otp} process.
 */
public final class PolicedExecutionControl extends DirectExecutionControl {
    private final List<BytecodePolicy.Violation> violations = new ArrayList<>();
    private final SessionThread session = new SessionThread();
    private final List<Invocation> deferred = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean deferring;

    /** A snippet's compiled entry point, kept while invocations are deferred; run it with {@link #invoke(String, String)}. */
    public record Invocation(String className, String methodName) {}

    /** Hands JShell this engine; it remembers the instance so the notebook can read refusals. */
    public static final class Provider implements ExecutionControlProvider {
        private PolicedExecutionControl control;

        @Override
        public String name() {
            return "otplab";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new PolicedExecutionControl();
            return control;
        }

        public PolicedExecutionControl control() {
            return control;
        }
    }

    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        Map<String, byte[]> byName = new LinkedHashMap<>();
        for (ClassBytecodes bytecodes : classes) {
            byName.put(bytecodes.name(), bytecodes.bytecodes());
        }
        Map<String, byte[]> checked;
        try {
            checked = BytecodePolicy.apply(byName);
        } catch (BytecodePolicy.RejectedClass rejected) {
            synchronized (violations) {
                violations.addAll(rejected.violations());
            }
            throw new ClassInstallException(rejected.getMessage(), new boolean[classes.length]);
        }
        ClassBytecodes[] rewritten = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            rewritten[i] = new ClassBytecodes(classes[i].name(), checked.get(classes[i].name()));
        }
        super.load(rewritten);
        if (classes.length > 0) {
            try {
                Guard.learnerLoader(findClass(classes[0].name()).getClassLoader());
            } catch (ClassNotFoundException notYetVisible) {
                // The loader is recorded on the next successful load.
            }
        }
    }

    /**
     * While on, snippets are compiled, checked and loaded but not run: their entry points are kept
     * for {@link #takeDeferred()}. The notebook compiles a whole cell this way first, so a compile
     * error anywhere in it runs nothing of it.
     */
    public void deferInvocations(boolean on) {
        deferring = on;
    }

    /** Entry points deferred since the last call, in the order JShell asked to run them. */
    public List<Invocation> takeDeferred() {
        synchronized (deferred) {
            List<Invocation> taken = List.copyOf(deferred);
            deferred.clear();
            return taken;
        }
    }

    @Override
    public String invoke(String className, String methodName)
            throws RunException, InternalException, EngineTerminationException {
        if (deferring) {
            synchronized (deferred) {
                deferred.add(new Invocation(className, methodName));
            }
            return "";
        }
        return super.invoke(className, methodName);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        StopCheck.stopping(false);
        running = true;
        try {
            return session.run(() -> super.invoke(doitMethod));
        } catch (InvocationTargetException thrown) {
            if (thrown.getCause() instanceof StopCheck.StopRequested) {
                throw new StoppedException();
            }
            throw thrown;
        } catch (StopCheck.StopRequested stopped) {
            throw new StoppedException();
        } finally {
            running = false;
        }
    }

    /** JShell's stop: loops end at their next stop check, waits (sleep, receive) are interrupted. */
    @Override
    public void stop() {
        if (running) {
            StopCheck.stopping(true);
            session.interrupt();
        }
    }

    /** JShell closes its engine with the notebook; the session's thread ends with it. */
    @Override
    public void close() {
        super.close();
        session.close();
    }

    /** Refusals recorded since the last call, oldest first. */
    public List<BytecodePolicy.Violation> drainViolations() {
        synchronized (violations) {
            List<BytecodePolicy.Violation> drained = List.copyOf(violations);
            violations.clear();
            return drained;
        }
    }
}
