package otplab.bench;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the suites: every public concrete class of this package (in the folder or jar this
 * class was loaded from) that implements {@link BenchSuite} and has a no-argument constructor.
 */
public final class Suites {
    private static final String PACKAGE = Suites.class.getPackageName();
    private static final String PACKAGE_PATH = PACKAGE.replace('.', '/') + "/";

    private Suites() {}

    /** The suites found, ordered by {@link BenchSuite#order()} and then by name. */
    public static List<BenchSuite> discover() {
        List<BenchSuite> suites = new ArrayList<>();
        for (String className : classNamesInPackage()) {
            Class<?> type;
            try {
                type = Class.forName(className, false, Suites.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (isSuite(type)) {
                suites.add(instantiate(type));
            }
        }
        suites.sort(Comparator.comparingInt(BenchSuite::order).thenComparing(BenchSuite::name));
        return List.copyOf(suites);
    }

    private static boolean isSuite(Class<?> type) {
        int modifiers = type.getModifiers();
        return BenchSuite.class.isAssignableFrom(type)
                && !type.isInterface()
                && Modifier.isPublic(modifiers)
                && !Modifier.isAbstract(modifiers)
                && type.getEnclosingClass() == null;
    }

    private static BenchSuite instantiate(Class<?> type) {
        try {
            return (BenchSuite) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "benchmark suite " + type.getSimpleName() + " needs a public no-argument constructor", e);
        }
    }

    private static List<String> classNamesInPackage() {
        Path location;
        try {
            location = Path.of(Suites.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the benchmark classes were loaded from", e);
        }
        try {
            return Files.isDirectory(location) ? namesInFolder(location) : namesInJar(location);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the benchmark classes in " + location, e);
        }
    }

    private static List<String> namesInFolder(Path root) throws IOException {
        Path folder = root.resolve(PACKAGE_PATH);
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> PACKAGE + "." + name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> namesInJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith(PACKAGE_PATH) && name.endsWith(".class"))
                    .map(name -> name.substring(PACKAGE_PATH.length(), name.length() - ".class".length()))
                    .filter(name -> !name.contains("/") && !name.contains("$"))
                    .map(name -> PACKAGE + "." + name)
                    .sorted()
                    .toList();
        }
    }
}
