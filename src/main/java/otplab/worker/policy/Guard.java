package otplab.worker.policy;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * Run-time checks that {@link BytecodePolicy} weaves into learner classes in place of calls whose
 * safety depends on their arguments. Each method behaves like the call it replaces when allowed.
 */
public final class Guard {
    /** The only folder learner code may name in file operations. */
    public static final Path WRITABLE_ROOT = Path.of("/tmp");

    /** How many symbolic links one path may pass through, as Linux allows (ELOOP beyond). */
    static final int MAX_LINK_HOPS = 40;

    /** The database URLs a lesson may open: an in-memory H2 database by name, or a plain PostgreSQL URL. */
    private static final Pattern ALLOWED_JDBC_URL = Pattern.compile(
            "jdbc:h2:mem:[A-Za-z0-9_-]+(;DB_CLOSE_DELAY=-1)?|jdbc:postgresql://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9_-]+");

    private static volatile ClassLoader learnerLoader = ClassLoader.getSystemClassLoader();
    /**
     * The loaders that define learner classes: reflection may open up only their classes. Weak, so a
     * grading's throwaway loader is not kept alive by being listed.
     */
    private static final Set<ClassLoader> LEARNER_LOADERS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<ClassLoader, Boolean>()));

    private static final StackWalker CALLERS = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Guard() {}

    static void learnerLoader(ClassLoader loader) {
        learnerLoader = loader;
        LEARNER_LOADERS.add(loader);
    }

    /**
     * Names the loader that defines a grading's learner classes (after the policy checked them),
     * so that reflection reaches those classes and nothing else that is not the JDK's or the
     * framework's: the tests' loader in particular stays out of reach.
     */
    public static void registerLearnerLoader(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader must not be null");
        // Public because the harness sits in another package (and module), so learner code past the
        // policy could call it too: only a class of the worker's own loader may name learner loaders.
        if (CALLERS.getCallerClass().getClassLoader() != Guard.class.getClassLoader()) {
            throw new PolicyRefusal("registering a class loader", "only the worker's harness names learner loaders");
        }
        learnerLoader(loader);
    }

    static ClassLoader learnerLoader() {
        return learnerLoader;
    }

    public static String path(String path) {
        check(Path.of(path), path);
        return path;
    }

    public static File path(File file) {
        check(file.toPath(), file.getPath());
        return file;
    }

    public static Path path(Path path) {
        check(path, path.toString());
        return path;
    }

    private static void check(Path path, String shown) {
        if (!path.getFileSystem().equals(WRITABLE_ROOT.getFileSystem()) || !resolvesUnderRoot(path)) {
            throw new PolicyRefusal("file access to '" + shown + "'",
                    "lessons may only use files under " + WRITABLE_ROOT);
        }
    }

    /**
     * Resolves the path one component at a time as the kernel does: each link met is replaced by
     * its target (relative targets against the link's folder) before the next component, and a
     * {@code ..} after a link climbs from where the link led, not from the link's name.
     */
    private static boolean resolvesUnderRoot(Path path) {
        try {
            Path real = resolveAsTheOsWould(path.toAbsolutePath());
            return real.startsWith(WRITABLE_ROOT);
        } catch (IOException unreadable) {
            return false;
        }
    }

    static Path resolveAsTheOsWould(Path absolute) throws IOException {
        int[] hops = {0};
        return resolve(absolute.getRoot(), absolute, hops);
    }

    private static Path resolve(Path start, Path relative, int[] hops) throws IOException {
        Path current = start;
        for (Path component : relative) {
            String name = component.toString();
            if (name.equals(".") || name.isEmpty()) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                if (++hops[0] > MAX_LINK_HOPS) {
                    throw new IOException("too many levels of symbolic links");
                }
                Path target = Files.readSymbolicLink(next);
                next = target.isAbsolute() ? resolve(target.getRoot(), target, hops) : resolve(current, target, hops);
            }
            current = next;
        }
        return current;
    }

    /** A reflective read or write of a field: allowed on learner classes and on the JDK's and framework's public API. */
    public static Field field(Field field) {
        allowReflection(field.getDeclaringClass(), field.getName());
        return field;
    }

    /** A URL read: web addresses pass (the sandbox has no network), files only under /tmp, any other scheme is refused. */
    public static URL url(URL url) {
        String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> { }
            case "file" -> {
                try {
                    check(Path.of(url.toURI()), url.toString());
                } catch (URISyntaxException | IllegalArgumentException malformed) {
                    throw new PolicyRefusal("reading '" + url + "'", "lessons may only use files under " + WRITABLE_ROOT);
                }
            }
            default -> throw new PolicyRefusal("reading '" + url + "'",
                    "lessons may read only http(s) addresses and files under " + WRITABLE_ROOT);
        }
        return url;
    }

    /** A database URL for {@code Repo.connect}: no options that run SQL or load code when the database opens. */
    public static String jdbcUrl(String url) {
        if (url == null || !ALLOWED_JDBC_URL.matcher(url).matches()) {
            throw new PolicyRefusal("Repo.connect(\"" + url + "\")", "lessons may open jdbc:h2:mem:NAME (optionally"
                    + " ;DB_CLOSE_DELAY=-1) or jdbc:postgresql://HOST/NAME databases, with no other options");
        }
        return url;
    }

    public static void setAccessible(AccessibleObject member, boolean flag) {
        allowAccess(member);
        member.setAccessible(flag);
    }

    public static void setAccessible(Field member, boolean flag) {
        allowAccess(member);
        member.setAccessible(flag);
    }

    public static void setAccessible(Method member, boolean flag) {
        allowAccess(member);
        member.setAccessible(flag);
    }

    public static void setAccessible(Constructor<?> member, boolean flag) {
        allowAccess(member);
        member.setAccessible(flag);
    }

    public static boolean trySetAccessible(AccessibleObject member) {
        allowAccess(member);
        return member.trySetAccessible();
    }

    public static boolean trySetAccessible(Field member) {
        return trySetAccessible((AccessibleObject) member);
    }

    public static boolean trySetAccessible(Method member) {
        return trySetAccessible((AccessibleObject) member);
    }

    public static boolean trySetAccessible(Constructor<?> member) {
        return trySetAccessible((AccessibleObject) member);
    }

    public static void setAccessibleAll(AccessibleObject[] members, boolean flag) {
        for (AccessibleObject member : members) {
            allowAccess(member);
        }
        AccessibleObject.setAccessible(members, flag);
    }

    public static Object invoke(Method method, Object target, Object[] arguments)
            throws IllegalAccessException, InvocationTargetException {
        allowReflection(method.getDeclaringClass(), method.getName());
        return method.invoke(target, arguments);
    }

    public static Object newInstance(Constructor<?> constructor, Object[] arguments)
            throws InstantiationException, IllegalAccessException, InvocationTargetException {
        allowReflection(constructor.getDeclaringClass(), "<init>");
        return constructor.newInstance(arguments);
    }

    @SuppressWarnings("deprecation")
    public static Object classNewInstance(Class<?> type) throws InstantiationException, IllegalAccessException {
        allowReflection(type, "<init>");
        return type.newInstance();
    }

    private static void allowReflection(Class<?> owner, String member) {
        String internal = owner.getName().replace('.', '/');
        BytecodePolicy.reflectiveRefusal(internal, member).ifPresent(reason -> {
            throw new PolicyRefusal(owner.getName() + "." + member + " through reflection", reason);
        });
        if (!isLearnerClass(owner) && !isPlatformOrFramework(owner)) {
            throw new PolicyRefusal(owner.getName() + "." + member + " through reflection",
                    "lessons may reflect only on their own classes and the JDK's and framework's public ones");
        }
    }

    private static void allowAccess(AccessibleObject member) {
        Class<?> owner = switch (member) {
            case Field field -> field.getDeclaringClass();
            case Method method -> method.getDeclaringClass();
            case Constructor<?> constructor -> constructor.getDeclaringClass();
            default -> null;
        };
        if (owner == null || !isLearnerClass(owner)) {
            throw new PolicyRefusal("setAccessible on " + (owner == null ? "this member" : owner.getName()),
                    "lessons may only open up their own classes");
        }
    }

    /** A class defined by a loader of learner classes (a JShell session's, a grading's learner loader). */
    static boolean isLearnerClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && LEARNER_LOADERS.contains(loader);
    }

    /** The JDK's classes and the worker's own classpath (the framework); never a test or another custom loader's. */
    private static boolean isPlatformOrFramework(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getSystemClassLoader() || loader == ClassLoader.getPlatformClassLoader();
    }
}
