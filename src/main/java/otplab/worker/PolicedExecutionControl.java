package otplab.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution engine with one change: every learner class passes through
 * {@link BytecodePolicy} before it is defined. Refused classes are never defined; the refusal is
 * kept so the notebook can report it with the cell's line.
 */
final class PolicedExecutionControl extends LocalExecutionControl {
    private final List<BytecodePolicy.Violation> violations = new ArrayList<>();

    /** Hands JShell this engine; it remembers the instance so the notebook can read refusals. */
    static final class Provider implements ExecutionControlProvider {
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

        PolicedExecutionControl control() {
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

    /** Refusals recorded since the last call, oldest first. */
    List<BytecodePolicy.Violation> drainViolations() {
        synchronized (violations) {
            List<BytecodePolicy.Violation> drained = List.copyOf(violations);
            violations.clear();
            return drained;
        }
    }
}
