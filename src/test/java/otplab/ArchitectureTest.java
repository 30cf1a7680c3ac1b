package otplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the house to the rules of docs/ARCHITECTURE.md ("Who may import whom"): it reads the
 * imports (and fully qualified names) of every file under src/main/java, and fails naming the
 * file and the import that break a rule, or the packages of a cycle.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src", "main", "java");

    private static final Set<String> FLOORS = Set.of("otplab.web", "otplab.course", "otplab.jvm", "otplab.protocol");

    /** The mini-framework is a library to the server as to learners: every otplab package but the protocol may use it. */
    private static final Set<String> FRAMEWORK = Set.of("otp", "otp.*");

    /** Package (or prefix ending in ".*") → what it may import of ours; the table of docs/ARCHITECTURE.md. */
    private static final Map<String, Set<String>> RULES = rules();

    private static Map<String, Set<String>> rules() {
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        rules.put("otp", Set.of("otp", "otp.*"));
        rules.put("otp.*", Set.of("otp", "otp.*"));
        rules.put("otplab.protocol", Set.of());
        rules.put("otplab.worker", Set.of("otp", "otp.*", "otplab.protocol", "otplab.worker", "otplab.worker.*"));
        rules.put("otplab.worker.*", Set.of("otp", "otp.*", "otplab.protocol", "otplab.worker", "otplab.worker.*"));
        rules.put("otplab.jvm", Set.of("otplab.protocol"));
        rules.put("otplab.course", Set.of("otplab.protocol"));
        rules.put("otplab.store", Set.of());
        rules.put("otplab.web", Set.of("otplab.course"));
        rules.put("otplab.grader", Set.of("otplab.course", "otplab.jvm", "otplab.protocol"));
        rules.put("otplab.runner", FLOORS);
        Set<String> exercises = new LinkedHashSet<>(FLOORS);
        exercises.addAll(Set.of("otplab.store", "otplab.grader"));
        rules.put("otplab.exercises", exercises);
        rules.put("otplab.cli", Set.of("otplab.*"));
        rules.replaceAll((pkg, allowed) -> {
            if (!pkg.startsWith("otplab.") || pkg.equals("otplab.protocol")) {
                return allowed;
            }
            Set<String> withFramework = new LinkedHashSet<>(allowed);
            withFramework.addAll(FRAMEWORK);
            return Set.copyOf(withFramework);
        });
        return rules;
    }

    @Test
    void theHouseKeepsEveryImportRuleOfTheArchitecture() {
        Map<String, Set<Dependency>> house = read(SOURCES);
        assertTrue(house.size() > 10, "no sources found under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), violations(house));
    }

    @Test
    void thereIsNoCycleBetweenPackages() {
        assertEquals(List.of(), cycles(read(SOURCES)));
    }

    @Test
    void aFloorImportingAFeatureIsCaught() {
        Map<String, Set<Dependency>> house = Map.of(
                "otplab.course", Set.of(new Dependency("otplab/course/Course.java", "otplab.runner.Runner", "otplab.runner")),
                "otplab.runner", Set.of());
        assertEquals(List.of("otplab/course/Course.java: otplab.course may not import otplab.runner.Runner"), violations(house));
    }

    @Test
    void aPackageNoRuleNamesIsCaught() {
        Map<String, Set<Dependency>> house = Map.of("otplab.attic", Set.of());
        assertEquals(List.of("otplab.attic has no rule in docs/ARCHITECTURE.md: add it to the table and to this test"),
                violations(house));
    }

    @Test
    void aCycleIsCaught() {
        Map<String, Set<Dependency>> house = Map.of(
                "otplab.worker", Set.of(new Dependency("otplab/worker/WorkerMain.java", "otplab.worker.grading.GradingHarness", "otplab.worker.grading")),
                "otplab.worker.grading", Set.of(new Dependency("otplab/worker/grading/GradingEngine.java", "otplab.worker.BytecodePolicy", "otplab.worker")));
        assertEquals(List.of("otplab.worker -> otplab.worker.grading -> otplab.worker"), cycles(house));
    }

    /** One use of another of our packages by a source file. */
    record Dependency(String file, String name, String target) {}

    static List<String> violations(Map<String, Set<Dependency>> house) {
        List<String> problems = new ArrayList<>();
        for (var entry : new TreeMap<>(house).entrySet()) {
            String pkg = entry.getKey();
            Set<String> allowed = ruleFor(pkg);
            if (allowed == null) {
                problems.add(pkg + " has no rule in docs/ARCHITECTURE.md: add it to the table and to this test");
                continue;
            }
            entry.getValue().stream()
                    .filter(d -> !d.target().equals(pkg) && allowed.stream().noneMatch(a -> matches(a, d.target())))
                    .map(d -> d.file() + ": " + pkg + " may not import " + d.name())
                    .sorted()
                    .forEach(problems::add);
        }
        return problems;
    }

    static List<String> cycles(Map<String, Set<Dependency>> house) {
        Map<String, Set<String>> edges = new TreeMap<>();
        house.forEach((pkg, deps) -> {
            Set<String> targets = new TreeSet<>();
            deps.stream().map(Dependency::target).filter(t -> !t.equals(pkg)).forEach(targets::add);
            edges.put(pkg, targets);
        });
        List<String> found = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String start : edges.keySet()) {
            walk(start, edges, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(String pkg, Map<String, Set<String>> edges, List<String> path, Set<String> done, List<String> found) {
        int seen = path.indexOf(pkg);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(pkg);
            found.add(String.join(" -> ", cycle));
            return;
        }
        if (!done.add(pkg)) {
            return;
        }
        path.add(pkg);
        for (String next : edges.getOrDefault(pkg, Set.of())) {
            walk(next, edges, path, done, found);
        }
        path.removeLast();
    }

    private static Set<String> ruleFor(String pkg) {
        if (RULES.containsKey(pkg)) {
            return RULES.get(pkg);
        }
        return RULES.entrySet().stream().filter(r -> r.getKey().endsWith(".*") && matches(r.getKey(), pkg))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static boolean matches(String rule, String pkg) {
        return rule.endsWith(".*") ? pkg.startsWith(rule.substring(0, rule.length() - 1)) : rule.equals(pkg);
    }

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);
    /** A fully qualified name of ours in code, such as {@code otplab.jvm.OutputListener.NONE}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:otp|otplab)(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*)");

    /** Package → every use of another of our packages in its files. */
    static Map<String, Set<Dependency>> read(Path root) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> packages = new TreeSet<>();
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Path file : files) {
            String source = text(file);
            Matcher pkg = PACKAGE.matcher(source);
            if (pkg.find()) {
                packages.add(pkg.group(1));
                sources.put(file, source);
            }
        }
        Map<String, Set<Dependency>> house = new TreeMap<>();
        sources.forEach((file, source) -> {
            Matcher pkg = PACKAGE.matcher(source);
            pkg.find();
            String own = pkg.group(1);
            String display = root.relativize(file).toString();
            Set<Dependency> deps = house.computeIfAbsent(own, p -> new LinkedHashSet<>());
            String code = withoutCommentsAndStrings(source);
            for (Pattern pattern : List.of(IMPORT, QUALIFIED)) {
                Matcher use = pattern.matcher(code);
                while (use.find()) {
                    String name = use.group(1);
                    String target = packageOf(name, packages);
                    if (target != null) {
                        deps.add(new Dependency(display, name, target));
                    }
                }
            }
        });
        return house;
    }

    /** The longest of our packages that {@code name} lies in; null for the JDK and libraries. */
    private static String packageOf(String name, Set<String> packages) {
        String best = null;
        for (String pkg : packages) {
            if ((name.equals(pkg) || name.startsWith(pkg + ".")) && (best == null || pkg.length() > best.length())) {
                best = pkg;
            }
        }
        return best;
    }

    private static String withoutCommentsAndStrings(String source) {
        return source
                .replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                .replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("//[^\\n]*", " ");
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
