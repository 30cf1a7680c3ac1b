package otplab.worker.grading;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import otplab.protocol.GradingReport;
import otplab.protocol.SourceFile;
import otplab.protocol.TestSource;

/**
 * Compiles learner files and test files together with javac, entirely in memory, and
 * indexes the test methods (their line, for file order, and their code) from the syntax trees.
 */
final class InMemoryCompiler {
    private static final List<String> OPTIONS = options();
    private static final Set<String> TEST_ANNOTATIONS =
            Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");

    /** A compiled class, remembering which source file produced it. */
    record CompiledClass(String binaryName, String sourceFile, byte[] bytes) {}

    /** Where a test method sits: its position in file order and its code. */
    record TestMethod(int order, String code, boolean hidden) {}

    sealed interface Result {
        record Failed(List<GradingReport.CompileDiagnostic> diagnostics) implements Result {}

        record Compiled(Map<String, CompiledClass> classes, List<String> testClassNames,
                        Map<String, TestMethod> testMethods) implements Result {}
    }

    /**
     * javac's options. On the class path (a notebook, a grading started the old way) javac compiles
     * against {@code java.class.path}. A confined grading worker runs on the module path, which
     * javac does not see by default: it compiles against the framework's and the libraries' jars
     * (learner and test classes live in unnamed modules), never the harness's own, so a file that
     * names a harness class is a compile error.
     */
    static List<String> options() {
        List<String> options = new ArrayList<>(List.of("-proc:none", "-g", "-Xlint:none", "-encoding", "UTF-8"));
        String modulePath = System.getProperty("jdk.module.path", "");
        if (modulePath.isEmpty()) {
            return List.copyOf(options);
        }
        String harness = harnessLocation();
        List<String> entries = new ArrayList<>();
        for (String entry : (modulePath + File.pathSeparator + System.getProperty("java.class.path", ""))
                .split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().normalize().toString().equals(harness)) {
                entries.add(entry);
            }
        }
        options.addAll(List.of("-classpath", String.join(File.pathSeparator, entries)));
        return List.copyOf(options);
    }

    private static String harnessLocation() {
        try {
            return Path.of(InMemoryCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize().toString();
        } catch (URISyntaxException | RuntimeException unknown) {
            return "";
        }
    }

    static String methodKey(String binaryClassName, String methodName) {
        return binaryClassName + "#" + methodName;
    }

    /**
     * Compiles in two steps: the learner's files alone, then the tests against the learner's
     * classes. Learner code is never compiled beside the tests, so javac cannot inline a test's
     * constants into it, and a test class it names is a compile error, not a way in. A learner
     * class named like a class of the tests is refused, so it cannot stand in for a test.
     */
    Result compile(List<SourceFile> learnerFiles, List<TestSource> tests) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the worker runs on a JRE without javac; grading needs a full JDK");
        }
        List<Source> learnerUnits = learnerFiles.stream().map(f -> new Source(f, null)).toList();
        List<Source> testUnits = tests.stream().map(t -> new Source(t.file(), t)).toList();
        Map<URI, Source> byUri = new HashMap<>();
        learnerUnits.forEach(u -> byUri.put(u.toUri(), u));
        testUnits.forEach(u -> byUri.put(u.toUri(), u));

        DiagnosticCollector<JavaFileObject> learnerDiagnostics = new DiagnosticCollector<>();
        MemoryFileManager learnerFilesOut = new MemoryFileManager(
                compiler.getStandardFileManager(learnerDiagnostics, Locale.ROOT, StandardCharsets.UTF_8), byUri, Map.of());
        JavacTask learnerTask = (JavacTask) compiler.getTask(null, learnerFilesOut, learnerDiagnostics, OPTIONS, null,
                learnerUnits);
        try {
            learnerTask.generate();
        } catch (IOException e) {
            throw new IllegalStateException("javac could not read an in-memory source", e);
        }
        if (!hasNoErrors(learnerDiagnostics)) {
            return new Result.Failed(errors(learnerDiagnostics, byUri));
        }
        Map<String, CompiledClass> learnerClasses = Map.copyOf(learnerFilesOut.classes);

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        MemoryFileManager files = new MemoryFileManager(
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8), byUri, learnerClasses);
        JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, OPTIONS, null, testUnits);
        List<String> testClasses = new ArrayList<>();
        Map<String, TestMethod> testMethods = new HashMap<>();
        try {
            // The syntax trees are indexed before generate(): javac discards its context after it.
            Iterable<? extends CompilationUnitTree> trees = task.parse();
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            int fileIndex = 0;
            for (CompilationUnitTree unit : trees) {
                Source source = byUri.get(unit.getSourceFile().toUri());
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString() + ".";
                for (Tree type : unit.getTypeDecls()) {
                    if (type instanceof ClassTree classTree) {
                        String binaryName = pkg + classTree.getSimpleName();
                        testClasses.add(binaryName);
                        index(classTree, binaryName, unit, positions, source, fileIndex, testMethods);
                    }
                }
                fileIndex++;
            }
            if (hasNoErrors(diagnostics)) {
                task.generate();
            }
        } catch (IOException e) {
            throw new IllegalStateException("javac could not read an in-memory source", e);
        }
        if (!hasNoErrors(diagnostics)) {
            return new Result.Failed(errors(diagnostics, byUri));
        }
        List<GradingReport.CompileDiagnostic> shadows = shadowing(learnerClasses, files.classes);
        if (!shadows.isEmpty()) {
            return new Result.Failed(shadows);
        }
        Map<String, CompiledClass> all = new LinkedHashMap<>(learnerClasses);
        all.putAll(files.classes);
        return new Result.Compiled(Map.copyOf(all), List.copyOf(testClasses), Map.copyOf(testMethods));
    }

    /** Learner classes that carry the name of a class of the tests (or of a class nested in one). */
    private static List<GradingReport.CompileDiagnostic> shadowing(Map<String, CompiledClass> learner,
                                                                   Map<String, CompiledClass> tests) {
        List<GradingReport.CompileDiagnostic> found = new ArrayList<>();
        for (CompiledClass c : learner.values()) {
            if (tests.containsKey(c.binaryName())) {
                found.add(new GradingReport.CompileDiagnostic(c.sourceFile(), 0, 0, "the class " + c.binaryName()
                        + " has the name of a class of the exercise's tests; give it another name"));
            }
        }
        return found;
    }

    private void index(ClassTree classTree, String binaryName, CompilationUnitTree unit, SourcePositions positions,
                       Source source, int fileIndex, Map<String, TestMethod> into) {
        for (Tree member : classTree.getMembers()) {
            if (member instanceof ClassTree nested) {
                index(nested, binaryName + "$" + nested.getSimpleName(), unit, positions, source, fileIndex, into);
            } else if (member instanceof MethodTree method && isTest(method)) {
                long start = positions.getStartPosition(unit, method);
                long line = unit.getLineMap().getLineNumber(start);
                String code = source.test.hidden() ? "" : bodyOf(method, unit, positions, source.file.content());
                into.put(methodKey(binaryName, method.getName().toString()),
                        new TestMethod(fileIndex * 1_000_000 + (int) line, code, source.test.hidden()));
            }
        }
    }

    private static boolean isTest(MethodTree method) {
        return method.getModifiers().getAnnotations().stream().anyMatch(a -> {
            String type = a.getAnnotationType().toString();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            return TEST_ANNOTATIONS.contains(simple);
        });
    }

    private static String bodyOf(MethodTree method, CompilationUnitTree unit, SourcePositions positions, String text) {
        if (method.getBody() == null) {
            return "";
        }
        int start = (int) positions.getStartPosition(unit, method.getBody());
        int end = (int) positions.getEndPosition(unit, method.getBody());
        if (start < 0 || end <= start + 1 || end > text.length()) {
            return "";
        }
        return dedent(text.substring(start + 1, end - 1));
    }

    /** Removes the indentation the lines share, and blank first/last lines. */
    static String dedent(String block) {
        List<String> lines = new ArrayList<>(block.lines().toList());
        while (!lines.isEmpty() && lines.getFirst().isBlank()) {
            lines.removeFirst();
        }
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines.removeLast();
        }
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        return out.toString();
    }

    private static boolean hasNoErrors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }

    private static List<GradingReport.CompileDiagnostic> errors(DiagnosticCollector<JavaFileObject> diagnostics,
                                                                Map<URI, Source> byUri) {
        List<GradingReport.CompileDiagnostic> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Source source = d.getSource() == null ? null : byUri.get(d.getSource().toUri());
            String file = source == null ? "(compiler)" : source.file.name();
            errors.add(new GradingReport.CompileDiagnostic(file, d.getLineNumber(), d.getColumnNumber(),
                    d.getMessage(Locale.ROOT)));
        }
        if (errors.isEmpty()) {
            errors.add(new GradingReport.CompileDiagnostic("(compiler)", 0, 0, "javac produced no classes"));
        }
        return errors;
    }

    /** A source held in memory; {@code test} is null for a learner file. */
    private static final class Source extends SimpleJavaFileObject {
        final SourceFile file;
        final TestSource test;

        Source(SourceFile file, TestSource test) {
            super(URI.create("string:///" + file.name()), Kind.SOURCE);
            this.file = file;
            this.test = test;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return file.content();
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, CompiledClass> classes = new LinkedHashMap<>();
        private final Map<URI, Source> sources;
        /** Classes compiled before, offered on the class path (the learner's, when the tests compile). */
        private final Map<String, CompiledClass> onClassPath;

        MemoryFileManager(StandardJavaFileManager standard, Map<URI, Source> sources, Map<String, CompiledClass> onClassPath) {
            super(standard);
            this.sources = sources;
            this.onClassPath = onClassPath;
        }

        @Override
        public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                             boolean recurse) throws IOException {
            Iterable<JavaFileObject> standard = super.list(location, packageName, kinds, recurse);
            if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)) {
                return standard;
            }
            List<JavaFileObject> listed = new ArrayList<>();
            standard.forEach(listed::add);
            for (CompiledClass c : onClassPath.values()) {
                int dot = c.binaryName().lastIndexOf('.');
                String pkg = dot < 0 ? "" : c.binaryName().substring(0, dot);
                if (pkg.equals(packageName) || (recurse && pkg.startsWith(packageName + "."))) {
                    listed.add(new CompiledClassFile(c));
                }
            }
            return listed;
        }

        @Override
        public String inferBinaryName(Location location, JavaFileObject file) {
            return file instanceof CompiledClassFile compiled ? compiled.compiled.binaryName() : super.inferBinaryName(location, file);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            Source source = sibling == null ? null : sources.get(sibling.toUri());
            String sourceName = source == null ? "" : source.file.name();
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, new CompiledClass(className, sourceName, toByteArray()));
                        }
                    };
                }
            };
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            return a.toUri().equals(b.toUri());
        }
    }

    /** A class compiled in memory, read back by javac from the class path. */
    private static final class CompiledClassFile extends SimpleJavaFileObject {
        final CompiledClass compiled;

        CompiledClassFile(CompiledClass compiled) {
            super(URI.create("mem:///classpath/" + compiled.binaryName().replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
            this.compiled = compiled;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(compiled.bytes());
        }
    }
}
