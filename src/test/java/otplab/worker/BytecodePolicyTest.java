package otplab.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import otplab.protocol.RunStatus;

/**
 * The bytecode policy as a table: one row per rule, a snippet as a learner would type it in a cell,
 * and what must happen (refused with which words, or allowed). The snippets run in the real policed
 * JShell engine of a notebook. Rows marked allowed are things lessons legitimately do: a rule that
 * refuses one of them is a broken lesson, not a safer sandbox.
 */
class BytecodePolicyTest {
    private static Notebook notebook;
    /** A folder under /tmp holding links a learner might find there (made by this trusted test, not by a cell). */
    private static Path links;

    @BeforeAll
    static void start() throws IOException {
        notebook = new Notebook(new PrintStream(OutputStream.nullOutputStream()));
        links = Files.createTempDirectory(Path.of("/tmp"), "otplab-policy-");
        Files.createSymbolicLink(links.resolve("etc-link"), Path.of("/etc"));
        Files.createSymbolicLink(links.resolve("usr-link"), Path.of("/usr"));
        Files.createSymbolicLink(links.resolve("dangling-link"), Path.of("/etc/otplab-not-there"));
        Files.createSymbolicLink(links.resolve("relative-escape"), Path.of("../../../../../../../../../etc"));
        // The JDK, not the worker image: a checkout may itself live under /tmp, where the image would be fair game.
        Files.createSymbolicLink(links.resolve("jdk-link"), Path.of(System.getProperty("java.home")));
        Files.createDirectory(links.resolve("inside"));
        Files.createSymbolicLink(links.resolve("inside-link"), Path.of("inside"));
    }

    @AfterAll
    static void stop() throws IOException {
        notebook.close();
        try (Stream<Path> paths = Files.walk(links)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Arguments refused(String rule, String snippet, String words) {
        return Arguments.of(rule, snippet, RunStatus.REJECTED, words);
    }

    private static Arguments allowed(String rule, String snippet) {
        return Arguments.of(rule, snippet, RunStatus.OK, "");
    }

    static Stream<Arguments> rules() {
        String dir = "\"/tmp\"";
        return Stream.of(
                // The JDK's own code-loading doors.
                refused("the compiler API", "javax.tools.ToolProvider.getSystemJavaCompiler()",
                        "javax.tools.ToolProvider.getSystemJavaCompiler is not allowed here: it would compile or load code"),
                refused("the compiler's file manager hands out class loaders",
                        "var files = javax.tools.ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);\n"
                                + "files.getClassLoader(javax.tools.StandardLocation.CLASS_PATH)",
                        "javax.tools."),
                refused("an annotation processor", """
                        abstract class Sneaky extends javax.annotation.processing.AbstractProcessor { }""",
                        "extends javax.annotation.processing.AbstractProcessor"),
                refused("tool providers run javac, jar and jlink in process", "java.util.spi.ToolProvider.findFirst(\"javac\")",
                        "java.util.spi.ToolProvider.findFirst is not allowed here"),
                refused("a nested JShell with local execution",
                        "jdk.jshell.JShell.builder().executionEngine(\"local\").build()", "jdk.jshell.JShell"),
                refused("service loading of providers", "java.util.ServiceLoader.load(Runnable.class)",
                        "java.util.ServiceLoader.load is not allowed here"),
                refused("module layers with loaders of their own", "ModuleLayer.boot()", "java.lang.ModuleLayer.boot"),
                refused("a class loader of one's own", "class Loader extends ClassLoader { }", "extends java.lang.ClassLoader"),
                refused("a URL class loader", "new java.net.URLClassLoader(new java.net.URL[0])", "java.net.URLClassLoader"),
                refused("Lookup.defineClass", "java.lang.invoke.MethodHandles.lookup().defineClass(new byte[0])",
                        "java.lang.invoke.MethodHandles.Lookup.defineClass is not allowed here"),
                refused("Lookup.defineHiddenClass",
                        "java.lang.invoke.MethodHandles.lookup().defineHiddenClass(new byte[0], true)",
                        "java.lang.invoke.MethodHandles.Lookup.defineHiddenClass is not allowed here"),
                refused("method-handle lookups", "java.lang.invoke.MethodHandles.lookup().findVirtual(String.class, \"length\","
                        + " java.lang.invoke.MethodType.methodType(int.class))", "findVirtual"),
                refused("privateLookupIn", "java.lang.invoke.MethodHandles.privateLookupIn(String.class,"
                        + " java.lang.invoke.MethodHandles.lookup())", "privateLookupIn"),
                refused("constant bootstraps", "java.lang.invoke.ConstantBootstraps.nullConstant(null, null, Object.class)",
                        "java.lang.invoke.ConstantBootstraps"),
                refused("XML transforms compile stylesheets to classes",
                        "javax.xml.transform.TransformerFactory.newInstance()", "javax.xml.transform.TransformerFactory"),
                refused("script engines", "new javax.script.ScriptEngineManager()", "javax.script.ScriptEngineManager"),
                refused("deserialization gadgets", "new java.io.ObjectInputStream(java.io.InputStream.nullInputStream())",
                        "java.io.ObjectInputStream"),
                refused("image files read around the file checks", "javax.imageio.ImageIO.read(new java.io.File(\"/etc/passwd\"))",
                        "javax.imageio.ImageIO"),
                refused("default methods called without reflection",
                        "java.lang.reflect.InvocationHandler.invokeDefault(null, null)", "InvocationHandler.invokeDefault"),
                refused("logging configuration instantiates classes by name", "java.util.logging.LogManager.getLogManager()",
                        "java.util.logging.LogManager"),
                // Management, attach, instrumentation.
                refused("JMX and its diagnostic commands", "java.lang.management.ManagementFactory.getPlatformMBeanServer()",
                        "java.lang.management.ManagementFactory.getPlatformMBeanServer is not allowed here: lessons cannot use"
                                + " the JVM's management"),
                refused("the DiagnosticCommand MBean by name",
                        "new javax.management.ObjectName(\"com.sun.management:type=DiagnosticCommand\")",
                        "javax.management.ObjectName"),
                refused("a heap dump", "com.sun.management.HotSpotDiagnosticMXBean bean = null;\nbean.dumpHeap(\"/tmp/heap\", true);",
                        "com.sun.management.HotSpotDiagnosticMXBean"),
                refused("instrumentation", "java.lang.instrument.Instrumentation agent = null;\nagent.getAllLoadedClasses();",
                        "java.lang.instrument.Instrumentation"),
                refused("attaching an agent", "com.sun.tools.attach.VirtualMachine.attach(\"1\")",
                        "com.sun.tools.attach.VirtualMachine"),
                // Libraries on the worker's classpath that call anything by reflection.
                refused("JUnit's reflection helpers",
                        "org.junit.platform.commons.support.ReflectionSupport.tryToLoadClass(\"java.lang.System\")",
                        "org.junit.platform.commons.support.ReflectionSupport"),
                refused("a raw JDBC connection (H2 aliases call any static method)",
                        "java.sql.DriverManager.getConnection(\"jdbc:h2:mem:x\")", "java.sql.DriverManager.getConnection"),
                refused("H2's own utilities", "org.h2.util.Utils.callStaticMethod(\"java.lang.System.exit\", 0)", "org.h2."),
                refused("raw SQL in a column option",
                        "new otp.data.Migration.ColumnOption(\"NULL; CREATE ALIAS X FOR 'java.lang.System.exit'\")",
                        "otp.data.Migration.ColumnOption"),
                refused("a database URL that runs SQL when it opens",
                        "otp.data.Repo.connect(\"jdbc:h2:mem:x;INIT=CREATE ALIAS X FOR 'java.lang.System.exit'\")",
                        "Repo.connect(\"jdbc:h2:mem:x;INIT="),
                // Processes, native code, the JVM's end.
                refused("ProcessBuilder", "new ProcessBuilder(\"/bin/sh\")", "java.lang.ProcessBuilder"),
                refused("Runtime.exec", "Runtime.getRuntime().exec(new String[] {\"/bin/sh\"})", "java.lang.Runtime.exec"),
                refused("ProcessHandle", "ProcessHandle.current().parent()", "java.lang.ProcessHandle"),
                refused("System.load", "System.load(\"/tmp/evil.so\")", "java.lang.System.load is not allowed here"),
                refused("System.loadLibrary", "System.loadLibrary(\"evil\")", "java.lang.System.loadLibrary"),
                refused("the foreign-function API", "java.lang.foreign.Linker.nativeLinker()", "java.lang.foreign.Linker"),
                refused("Unsafe", "sun.misc.Unsafe unsafe = null;\nunsafe.getLong(0L);", "sun.misc.Unsafe"),
                refused("JDK modules outside the lessons' API", "new jdk.jfr.Recording()", "jdk.jfr.Recording"),
                refused("the runner's own classes", "otplab.worker.policy.Guard.WRITABLE_ROOT", "otplab.worker.policy.Guard"),
                refused("System.exit", "System.exit(0);", "java.lang.System.exit is not allowed here"),
                refused("Runtime.halt", "Runtime.getRuntime().halt(0);", "java.lang.Runtime.halt"),
                refused("a method reference to System.exit", "java.util.function.IntConsumer end = System::exit;",
                        "java.lang.System::exit"),
                refused("a method reference that skips a run-time check",
                        "java.util.function.Function<java.nio.file.Path, Boolean> check = java.nio.file.Files::isReadable;",
                        "java.nio.file.Files::isReadable"),
                // Reflection: own classes only, never around a refused member.
                refused("setAccessible on a JDK class", "var value = String.class.getDeclaredField(\"value\");\n"
                        + "value.setAccessible(true);", "setAccessible on java.lang.String"),
                refused("the framework's private state, where the control channel hides",
                        "var host = otp.live.LivePage.class.getDeclaredField(\"host\");\nhost.setAccessible(true);",
                        "setAccessible on otp.live.LivePage"),
                refused("a refused constructor through reflection",
                        "Class.forName(\"java.lang.ProcessBuilder\").getConstructor(String[].class).newInstance((Object) new String[] {\"true\"})",
                        "java.lang.ProcessBuilder.<init> through reflection"),
                refused("Method.invoke through Method.invoke", "java.lang.reflect.Method.class.getMethod(\"invoke\","
                        + " Object.class, Object[].class).invoke(null, null, null)",
                        "java.lang.reflect.Method.invoke through reflection"),
                refused("Class.newInstance through Method.invoke", "Class.class.getMethod(\"newInstance\")"
                        + ".invoke(Class.forName(\"javax.script.ScriptEngineManager\"))", "java.lang.Class.newInstance through reflection"),
                refused("a field of a refused class read reflectively",
                        "Class.forName(\"java.lang.ProcessBuilder\").getDeclaredFields()[0].get(null)",
                        "java.lang.ProcessBuilder."),
                // Files: only /tmp, every link followed as the kernel follows it, no new links.
                refused("reading /etc/passwd", "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"))",
                        "file access to '/etc/passwd'"),
                refused("a file URL outside /tmp",
                        "java.net.URI.create(\"file:///etc/passwd\").toURL().openStream()", "file access to 'file:/etc/passwd'"),
                refused("a jar URL", "java.net.URI.create(\"jar:file:/tmp/x.jar!/A.class\").toURL().openStream()",
                        "may read only http(s) addresses and files under /tmp"),
                refused("creating a symbolic link", "java.nio.file.Files.createSymbolicLink(java.nio.file.Path.of(\"/tmp/l\"),"
                        + " java.nio.file.Path.of(\"/etc/passwd\"))", "java.nio.file.Files.createSymbolicLink is not allowed here"),
                refused("creating a hard link", "java.nio.file.Files.createLink(java.nio.file.Path.of(\"/tmp/l\"),"
                        + " java.nio.file.Path.of(\"/tmp/x\"))", "java.nio.file.Files.createLink is not allowed here"),
                refused("a link in /tmp that leads to /etc", "java.nio.file.Files.readString(java.nio.file.Path.of(" + dir
                        + ", \"" + "LINKS/etc-link/passwd\"))", "lessons may only use files under /tmp"),
                refused("'..' after a link climbs from where the link led",
                        "java.nio.file.Files.readString(java.nio.file.Path.of(" + dir + ", \"LINKS/usr-link/../etc/passwd\"))",
                        "lessons may only use files under /tmp"),
                refused("a relative link that climbs out", "new java.io.File(" + dir + " + \"/LINKS/relative-escape/passwd\")"
                        + ".exists()", "lessons may only use files under /tmp"),
                refused("a link in /tmp that leads to the JDK the worker runs on", "java.nio.file.Files.readAllBytes(java.nio.file.Path.of("
                        + dir + ", \"LINKS/jdk-link/release\"))", "lessons may only use files under /tmp"),
                refused("a dangling link to a file not yet outside", "java.nio.file.Files.writeString(java.nio.file.Path.of("
                        + dir + ", \"LINKS/dangling-link\"), \"x\")", "lessons may only use files under /tmp"),
                // What lessons do, which must stay allowed.
                allowed("printing", "System.out.println(\"hello\");"),
                allowed("records, pattern switches and lambdas", """
                        sealed interface Shape permits Circle, Square { }
                        record Circle(double r) implements Shape { }
                        record Square(double side) implements Shape { }
                        double area(Shape s) { return switch (s) { case Circle c -> 3 * c.r() * c.r(); case Square q -> q.side() * q.side(); }; }
                        List.of(new Circle(1), new Square(2)).stream().map(s -> area(s)).forEach(System.out::println);"""),
                allowed("virtual threads", "Thread.ofVirtual().start(() -> { }).join();"),
                allowed("files under /tmp", "var file = java.nio.file.Path.of(" + dir + ", \"LINKS/inside/notes.txt\");\n"
                        + "java.nio.file.Files.writeString(file, \"ok\");\njava.nio.file.Files.readString(file)"),
                allowed("a link that stays inside /tmp", "java.nio.file.Files.exists(java.nio.file.Path.of(" + dir
                        + ", \"LINKS/inside-link/../inside\"))"),
                allowed("reflection on one's own classes", """
                        class Box { private int value = 7; }
                        var field = Box.class.getDeclaredField("value");
                        field.setAccessible(true);
                        field.get(new Box())"""),
                allowed("invoking one's own record accessor", "record Point(int x) { }\n"
                        + "Point.class.getDeclaredMethod(\"x\").invoke(new Point(3))"),
                allowed("reading a JDK class's public field reflectively", "Integer.class.getField(\"MAX_VALUE\").get(null)"),
                allowed("Class.forName of a JDK class", "Class.forName(\"java.util.ArrayList\")"),
                allowed("an in-memory database by name", "otp.data.Repo.connect(\"jdbc:h2:mem:policy_table;DB_CLOSE_DELAY=-1\")"),
                allowed("a column default as a literal", "otp.data.Migration.defaultValue(\"it's\")"),
                allowed("a web address as a URL", "java.net.URI.create(\"https://hexdocs.pm/elixir\").toURL()"))
                .map(row -> row.get()[1] instanceof String snippet && snippet.contains("LINKS")
                        ? Arguments.of(row.get()[0], snippet.replace("LINKS", links.getFileName().toString()), row.get()[2],
                                row.get()[3])
                        : row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleRefusesOrAllowsAsTheTableSays(String rule, String snippet, RunStatus expected, String words) {
        CellOutcome outcome = notebook.eval(snippet);
        assertEquals(expected, outcome.status(), rule + ": " + outcome);
        assertTrue(outcome.error().contains(words), rule + ": expected the words '" + words + "' in: " + outcome.error());
    }
}
