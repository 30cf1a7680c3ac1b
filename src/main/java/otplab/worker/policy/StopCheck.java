package otplab.worker.policy;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes learner code stoppable: every learner method calls {@link #check()} on entry and before
 * each backward branch, so a loop ends at its next turn once a stop was asked. This replaces
 * JShell's own stop weaving, which rebuilds stack maps without knowing the learner's classes.
 *
 * <p>The flag is JVM-wide because a worker JVM holds exactly one notebook; like JShell's, it also
 * stops the session's spawned processes that are busy in learner code.
 */
public final class StopCheck {
    private static final ClassDesc SELF = ClassDesc.of(StopCheck.class.getName());
    private static volatile boolean stopping;

    /** Thrown into learner code that was asked to stop; not an Exception so ordinary catches pass it on. */
    public static final class StopRequested extends Error {
        StopRequested() {
            super("the run was stopped", null, false, false);
        }
    }

    private StopCheck() {}

    public static void check() {
        if (stopping) {
            throw new StopRequested();
        }
    }

    static void stopping(boolean value) {
        stopping = value;
    }

    /** A fresh weaver per method body: it remembers which labels were already passed. */
    static CodeTransform weaver() {
        return CodeTransform.ofStateful(Weaver::new);
    }

    private static final class Weaver implements CodeTransform {
        private final Set<Label> passed = new HashSet<>();

        @Override
        public void atStart(CodeBuilder builder) {
            call(builder);
        }

        @Override
        public void accept(CodeBuilder builder, CodeElement element) {
            if (element instanceof LabelTarget target) {
                passed.add(target.label());
            } else if (element instanceof BranchInstruction branch && passed.contains(branch.target())) {
                call(builder);
            }
            builder.with(element);
        }

        private static void call(CodeBuilder builder) {
            builder.invokestatic(SELF, "check", ConstantDescs.MTD_void);
        }
    }
}
