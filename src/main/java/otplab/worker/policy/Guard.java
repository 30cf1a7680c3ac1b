package otplab.worker.policy;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Run-time checks that {@link BytecodePolicy} weaves into learner classes in place of calls whose
 * safety depends on their arguments. Each method behaves like the call it replaces when allowed.
 */
public final class Guard {
    /** The only folder learner code may name in file operations. */
    public static final Path WRITABLE_ROOT = Path.of("/tmp");

    private static volatile ClassLoader learnerLoader = ClassLoader.getSystemClassLoader();

    private Guard() {}

    static void learnerLoader(ClassLoader loader) {
        learnerLoader = loader;
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

    /** Follows symbolic links of the longest existing prefix so a link in /tmp cannot lead elsewhere. */
    private static boolean resolvesUnderRoot(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        Path rest = existing.getFileSystem().getPath("");
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        try {
            Path real = existing.toRealPath().resolve(rest).normalize();
            return real.startsWith(WRITABLE_ROOT) && !real.equals(WRITABLE_ROOT.getRoot());
        } catch (IOException unreadable) {
            return false;
        }
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

    static boolean isLearnerClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && loader != ClassLoader.getSystemClassLoader()
                && loader != ClassLoader.getPlatformClassLoader();
    }
}
