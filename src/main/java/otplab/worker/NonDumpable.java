package otplab.worker;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Makes the worker JVM non-dumpable ({@code prctl(PR_SET_DUMPABLE, 0)}), before any learner class
 * exists. The kernel then treats its memory as another user's: a process learner code starts
 * ({@code sh}, {@code dd if=/proc/PPID/mem}) cannot read or write it, open its {@code /proc/PID/fd}
 * or {@code environ}, or ptrace it, and the JVM itself can no longer open {@code /proc/self/mem}.
 * The host has no Yama, so without this a child of the same uid could do all of that.
 *
 * <p>Through the foreign function API, which only the harness module may use ({@code
 * --enable-native-access=otplab.worker} with {@code --illegal-native-access=deny}).
 */
final class NonDumpable {
    /** {@code PR_SET_DUMPABLE} from {@code <linux/prctl.h>}. */
    static final int PR_SET_DUMPABLE = 4;
    static final int PR_GET_DUMPABLE = 3;

    private NonDumpable() {}

    /** Clears the dumpable flag and checks that the kernel took it; throws when it could not. */
    static void apply() {
        try {
            MethodHandle prctl = prctl();
            int set = (int) prctl.invokeExact(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
            int now = (int) prctl.invokeExact(PR_GET_DUMPABLE, 0L, 0L, 0L, 0L);
            if (set != 0 || now != 0) {
                throw new IllegalStateException("prctl(PR_SET_DUMPABLE, 0) answered " + set + ", dumpable is " + now);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("prctl(PR_SET_DUMPABLE, 0) failed: " + e, e);
        }
    }

    private static MethodHandle prctl() {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(
                linker.defaultLookup().find("prctl").orElseThrow(() -> new IllegalStateException("libc has no prctl")),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    }
}
