package otplab.worker.grading;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the classes javac produced in memory, its own before its parent's. It serves no resources: a learner class
 * asking for {@code SomeHiddenTest.class} as a resource gets nothing, so the bytes of the
 * tests cannot be read back through the loader.
 */
final class MemoryClassLoader extends ClassLoader {
    /** Bytes of the classes not defined yet: a class's bytes are dropped once it is defined. */
    private final Map<String, byte[]> classes;
    private final Set<String> names;

    MemoryClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent) {
        super(name, parent);
        Objects.requireNonNull(classes, "classes must not be null");
        this.classes = new ConcurrentHashMap<>(classes);
        this.names = Set.copyOf(classes.keySet());
    }

    /**
     * Its own classes first: a class of the same name further up (a learner's, in the tests' loader)
     * can never stand in for one of them.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!names.contains(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        // Once defined, the bytes are not kept: nothing holds a hidden test's class file for long.
        byte[] bytes = classes.remove(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected URL findResource(String name) {
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.emptyEnumeration();
    }
}
