package otplab.worker.grading;

/**
 * Decides whether a learner class may be defined, and may rewrite it. The sandbox's bytecode
 * policy plugs in here so that graded code meets the same rules as code run from a lesson.
 */
@FunctionalInterface
public interface ClassDefinitionPolicy {

    /** Defines every class as javac produced it; the OS sandbox and limits still apply. */
    ClassDefinitionPolicy DEFINE_AS_COMPILED = (className, sourceFile, bytes) -> new Verdict.Allowed(bytes);

    Verdict check(String className, String sourceFile, byte[] bytes);

    sealed interface Verdict {
        record Allowed(byte[] bytes) implements Verdict {}

        record Refused(String message) implements Verdict {}
    }
}
