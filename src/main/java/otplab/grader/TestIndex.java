package otplab.grader;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import otplab.protocol.GradingReport;
import otplab.protocol.TestOutcome;
import otplab.protocol.TestSource;

/**
 * The tests the grader sends, known on the server's side of the socket: every test method of the
 * test files (parsed here, never run), with whether it is hidden. A worker's report must name
 * exactly these tests, each plain {@code @Test} once and hidden where the grader hid it; a report
 * that does not is no verdict, whatever it claims. The index is what the grader itself compiled,
 * so nothing learner code does in the worker can change it.
 */
final class TestIndex {
    private static final String PLAIN_TEST = "Test";
    private static final Set<String> TEST_ANNOTATIONS =
            Set.of(PLAIN_TEST, "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");
    private static final String NESTED = "Nested";
    /** Exercises are few and their tests change only on a reload: an index per test list is kept. */
    private static final int MAX_CACHED = 256;
    private static final Map<List<TestSource>, TestIndex> CACHE = new ConcurrentHashMap<>();

    /** One test method: hidden or not, and whether it runs exactly once (a plain {@code @Test}). */
    record Entry(boolean hidden, boolean once) {}

    private final Map<String, Entry> tests;
    private final boolean hasDynamicTests;

    private TestIndex(Map<String, Entry> tests, boolean hasDynamicTests) {
        this.tests = Map.copyOf(tests);
        this.hasDynamicTests = hasDynamicTests;
    }

    static TestIndex of(List<TestSource> sources) {
        TestIndex known = CACHE.get(sources);
        if (known != null) {
            return known;
        }
        TestIndex index = parse(sources);
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        CACHE.put(List.copyOf(sources), index);
        return index;
    }

    Map<String, Entry> tests() {
        return tests;
    }

    /** What is wrong with the report, in words for the log; empty when it names exactly the indexed tests. */
    Optional<String> problem(GradingReport.Ran report) {
        Map<String, Integer> seen = new HashMap<>();
        for (TestOutcome outcome : report.outcomes()) {
            String key = key(outcome.className(), outcome.methodName());
            Entry entry = tests.get(key);
            if (entry == null) {
                if (outcome.className().isEmpty() && hasDynamicTests) {
                    continue;
                }
                return Optional.of("the report names a test the grader did not send: " + key);
            }
            if (entry.hidden() != outcome.hidden()) {
                return Optional.of("the report shows " + key + (entry.hidden() ? " as visible" : " as hidden"));
            }
            seen.merge(key, 1, Integer::sum);
        }
        for (var test : tests.entrySet()) {
            int count = seen.getOrDefault(test.getKey(), 0);
            if (count == 0) {
                return Optional.of("the report leaves out the test " + test.getKey());
            }
            if (test.getValue().once() && count > 1) {
                return Optional.of("the report counts the test " + test.getKey() + " " + count + " times");
            }
        }
        return Optional.empty();
    }

    private static String key(String className, String methodName) {
        return className + "#" + methodName;
    }

    private static TestIndex parse(List<TestSource> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the server runs on a JRE without javac; the grader needs a full JDK");
        }
        List<Unit> units = new ArrayList<>();
        for (TestSource source : sources) {
            units.add(new Unit(source));
        }
        Map<URI, Unit> byUri = new HashMap<>();
        units.forEach(u -> byUri.put(u.toUri(), u));
        JavacTask task = (JavacTask) compiler.getTask(null, compiler.getStandardFileManager(null, Locale.ROOT, null),
                diagnostic -> { }, List.of("-proc:none"), null, units);
        Map<String, Entry> tests = new LinkedHashMap<>();
        boolean[] dynamic = {false};
        try {
            for (CompilationUnitTree unit : task.parse()) {
                boolean hidden = byUri.get(unit.getSourceFile().toUri()).source.hidden();
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
                for (Tree type : unit.getTypeDecls()) {
                    if (type instanceof ClassTree classTree) {
                        index(classTree, pkg + classTree.getSimpleName(), hidden, tests, dynamic);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("javac could not read an in-memory test source", e);
        }
        return new TestIndex(tests, dynamic[0]);
    }

    /** Test methods of a class and of its {@code @Nested} inner classes, the ones JUnit runs when the class is selected. */
    private static void index(ClassTree type, String binaryName, boolean hidden, Map<String, Entry> into, boolean[] dynamic) {
        for (Tree member : type.getMembers()) {
            if (member instanceof ClassTree nested && annotation(nested.getModifiers().getAnnotations(), Set.of(NESTED))
                    .isPresent() && !nested.getModifiers().getFlags().contains(Modifier.STATIC)) {
                index(nested, binaryName + "$" + nested.getSimpleName(), hidden, into, dynamic);
            } else if (member instanceof MethodTree method) {
                Optional<String> kind = annotation(method.getModifiers().getAnnotations(), TEST_ANNOTATIONS);
                if (kind.isPresent()) {
                    boolean once = kind.get().equals(PLAIN_TEST);
                    dynamic[0] |= kind.get().equals("TestFactory") || kind.get().equals("TestTemplate");
                    into.put(key(binaryName, method.getName().toString()), new Entry(hidden, once));
                }
            }
        }
    }

    private static Optional<String> annotation(List<? extends AnnotationTree> annotations,
                                               Set<String> names) {
        return annotations.stream()
                .map(a -> a.getAnnotationType().toString())
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .filter(names::contains)
                .findFirst();
    }

    private static final class Unit extends SimpleJavaFileObject {
        final TestSource source;

        Unit(TestSource source) {
            super(URI.create("string:///" + source.file().name()), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source.file().content();
        }
    }
}
