package otplab.protocol;

import java.util.Objects;

/**
 * One Java source file handed to the grading engine: a file name such as {@code KvStore.java}
 * and its text. Grading never reads files from disk inside the worker, so a source travels
 * with its content.
 */
public record SourceFile(String name, String content) {
    public SourceFile {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(content, "content must not be null");
        if (!name.endsWith(".java") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("a source file name is a plain Foo.java name, not '" + name + "'");
        }
    }

    /** The top-level class name the file is expected to declare. */
    public String className() {
        return name.substring(0, name.length() - ".java".length());
    }
}
