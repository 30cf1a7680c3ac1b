package otp.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/** Reads record components for JSON and templates, including records that are not public. */
final class Records {
    private Records() {}

    /**
     * Learners declare records without {@code public} (in JShell, nested in tests), so the accessor
     * is opened when the record's module allows it, as the unnamed module of learner code does.
     */
    static Object read(RecordComponent component, Record record) throws ReflectiveOperationException {
        Method accessor = component.getAccessor();
        accessor.trySetAccessible();
        return accessor.invoke(record);
    }
}
