package otplab.course;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import otplab.protocol.SourceFile;

/**
 * Reads and validates one exercise folder. Every problem is collected, so an instructor
 * fixes a folder in one pass instead of one error at a time.
 *
 * <pre>
 * exercises/&lt;slug&gt;/
 *   README.md        instructions: front matter + Markdown, tasks as "## 1. ..." headings
 *   src/             starter files (what the learner edits)
 *   solution/        the reference solution: the files of src/ it changes; the others come from src/
 *   test/            visible tests (JUnit Jupiter)
 *   hidden-test/     hidden tests (optional)
 *   wrong/&lt;name&gt;/    wrong solutions (optional): WRONG.md, a line naming the requirement broken,
 *                    and the files of the reference solution it changes
 * </pre>
 */
public final class ExerciseLoader {
    public static final String INSTRUCTIONS = "README.md";
    public static final String STARTER_DIR = "src";
    public static final String SOLUTION_DIR = "solution";
    public static final String TEST_DIR = "test";
    public static final String HIDDEN_TEST_DIR = "hidden-test";
    public static final String WRONG_DIR = "wrong";
    public static final String WRONG_NOTE = "WRONG.md";
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern TASK_HEADING = Pattern.compile("(\\d+)\\.\\s+(\\S.*)");
    private static final Pattern TASK_TAG = Pattern.compile("@Tag\\(\\s*\"task:\\s*([^\"]*)\"\\s*\\)");
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");
    private static final Parser PARSER = Parser.builder().extensions(List.of(YamlFrontMatterExtension.create())).build();

    private ExerciseLoader() {}

    /** Loads {@code directory}, whose folder name is the exercise's slug. */
    public static Exercise load(Path directory) throws InvalidExerciseException {
        Path dir = directory.toAbsolutePath().normalize();
        String slug = dir.getFileName() == null ? "" : dir.getFileName().toString();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new InvalidExerciseException(directory.toString(), List.of("is not a folder"));
        }
        if (!SLUG.matcher(slug).matches()) {
            problems.add("the folder name '" + slug + "' is not a slug (lower-case letters, digits and dashes)");
        }
        String readme = readText(dir.resolve(INSTRUCTIONS), problems);
        Node document = PARSER.parse(readme == null ? "" : readme);
        YamlFrontMatterVisitor frontMatter = new YamlFrontMatterVisitor();
        document.accept(frontMatter);
        Map<String, List<String>> data = frontMatter.getData();
        if (readme != null && !readme.startsWith("---")) {
            problems.add(INSTRUCTIONS + " must start with front matter between '---' lines");
        }

        String title = single(data, "title", problems, true);
        String lesson = single(data, "lesson", problems, true);
        Exercise.Difficulty difficulty = difficulty(single(data, "difficulty", problems, true), problems);
        int points = positiveInt(single(data, "points", problems, false), "points", Exercise.DEFAULT_POINTS, problems);
        int seconds = positiveInt(single(data, "time_limit", problems, false), "time_limit",
                (int) Exercise.DEFAULT_TIME_LIMIT.toSeconds(), problems);
        int testSeconds = positiveInt(single(data, "test_timeout", problems, false), "test_timeout",
                (int) Exercise.DEFAULT_TEST_TIMEOUT.toSeconds(), problems);
        if (testSeconds > seconds) {
            problems.add("front matter 'test_timeout' (" + testSeconds + " s) is longer than 'time_limit' (" + seconds + " s)");
        }
        List<String> hints = data.getOrDefault("hints", List.of()).stream().map(String::strip).toList();
        if (hints.isEmpty() || hints.stream().anyMatch(String::isEmpty)) {
            problems.add("front matter 'hints' must be a list of at least one non-empty hint");
        }
        List<Exercise.Task> tasks = tasks(document, problems);

        List<SourceFile> starter = sources(dir, STARTER_DIR, true, problems);
        List<SourceFile> solutionFiles = sources(dir, SOLUTION_DIR, true, problems);
        problems.addAll(Overlay.problems(SOLUTION_DIR, solutionFiles, STARTER_DIR + "/", starter));
        List<SourceFile> solution = Overlay.apply(starter, solutionFiles);
        List<WrongSolution> wrong = wrongSolutions(dir, solution, problems);
        List<SourceFile> visible = sources(dir, TEST_DIR, true, problems);
        List<SourceFile> hidden = sources(dir, HIDDEN_TEST_DIR, false, problems);
        Set<String> starterNames = names(starter);
        Set<String> testNames = new HashSet<>();
        for (SourceFile test : Stream.concat(visible.stream(), hidden.stream()).toList()) {
            if (!testNames.add(test.name()) || starterNames.contains(test.name())) {
                problems.add("the file name " + test.name() + " is used twice; test files need names of their own");
            }
            checkTaskTags(test, tasks, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidExerciseException("exercise '" + slug + "' (" + dir + ")", problems);
        }
        return new Exercise(slug, dir, title, lesson, difficulty, points, Duration.ofSeconds(seconds),
                Duration.ofSeconds(testSeconds), hints, tasks,
                body(readme), starter, solution, visible, hidden, wrong);
    }

    /** Every {@code wrong/<name>/} folder, each laid over the (complete) reference solution. */
    private static List<WrongSolution> wrongSolutions(Path dir, List<SourceFile> reference, List<String> problems) {
        Path root = dir.resolve(WRONG_DIR);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(root)) {
            folders = entries.sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list " + WRONG_DIR + "/: " + e.getMessage());
            return List.of();
        }
        List<WrongSolution> wrong = new ArrayList<>();
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            String where = WRONG_DIR + "/" + name;
            if (!Files.isDirectory(folder)) {
                problems.add(where + " is a file; " + WRONG_DIR + "/ holds one folder per wrong solution");
                continue;
            }
            if (!SLUG.matcher(name).matches()) {
                problems.add(where + "/ is not named as a slug (lower-case letters, digits and dashes)");
            }
            String note = note(folder.resolve(WRONG_NOTE), where, problems);
            List<SourceFile> files = sources(dir, where, true, problems);
            problems.addAll(Overlay.problems(where, files, "the reference solution", reference));
            if (note != null) {
                wrong.add(new WrongSolution(name, note, Overlay.apply(reference, files)));
            }
        }
        return wrong;
    }

    private static String note(Path file, String where, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(where + "/" + WRONG_NOTE + " is missing; write one line naming the requirement this solution breaks");
            return null;
        }
        String text = readText(file, problems);
        if (text == null) {
            return null;
        }
        String note = text.strip();
        if (note.isEmpty()) {
            problems.add(where + "/" + WRONG_NOTE + " is empty; write one line naming the requirement this solution breaks");
            return null;
        }
        return note.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> a + " " + b).orElse(note);
    }

    private static String body(String readme) {
        if (!readme.startsWith("---")) {
            return readme;
        }
        int end = readme.indexOf("\n---", 3);
        if (end < 0) {
            return readme;
        }
        int next = readme.indexOf('\n', end + 4);
        return next < 0 ? "" : readme.substring(next + 1).stripLeading();
    }

    private static String single(Map<String, List<String>> data, String key, List<String> problems, boolean required) {
        List<String> values = data.get(key);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            if (required) {
                problems.add("front matter misses '" + key + "'");
            }
            return null;
        }
        if (values.size() > 1) {
            problems.add("front matter '" + key + "' must be a single value, not a list");
        }
        return values.getFirst().strip();
    }

    private static Exercise.Difficulty difficulty(String value, List<String> problems) {
        if (value == null) {
            return Exercise.Difficulty.EASY;
        }
        try {
            return Exercise.Difficulty.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("front matter 'difficulty' is '" + value + "'; use easy, medium or hard");
            return Exercise.Difficulty.EASY;
        }
    }

    private static int positiveInt(String value, String key, int fallback, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, like a non-positive number
        }
        problems.add("front matter '" + key + "' is '" + value + "'; it must be a whole number above zero");
        return fallback;
    }

    private static List<Exercise.Task> tasks(Node document, List<String> problems) {
        List<Exercise.Task> tasks = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() == 2) {
                    Matcher m = TASK_HEADING.matcher(textOf(heading).strip());
                    if (m.matches()) {
                        tasks.add(new Exercise.Task(Integer.parseInt(m.group(1)), m.group(2).strip()));
                    }
                }
            }
        });
        if (tasks.isEmpty()) {
            problems.add(INSTRUCTIONS + " has no tasks; write them as '## 1. What to do' headings");
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).number() != i + 1) {
                problems.add("task headings must be numbered 1, 2, 3, ... in order; found '## "
                        + tasks.get(i).number() + ". " + tasks.get(i).title() + "' in position " + (i + 1));
                break;
            }
        }
        return tasks;
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }
        });
        return text.toString();
    }

    private static void checkTaskTags(SourceFile test, List<Exercise.Task> tasks, List<String> problems) {
        Matcher m = TASK_TAG.matcher(test.content());
        while (m.find()) {
            String n = m.group(1).strip();
            if (!n.matches("\\d+") || Integer.parseInt(n) < 1 || Integer.parseInt(n) > tasks.size()) {
                problems.add(test.name() + " tags a test with task:" + n + ", but the instructions have tasks 1 to "
                        + tasks.size());
            }
        }
    }

    private static List<SourceFile> sources(Path dir, String folder, boolean required, List<String> problems) {
        Path sub = dir.resolve(folder);
        if (!Files.isDirectory(sub)) {
            if (required) {
                problems.add("the folder " + folder + "/ is missing");
            }
            return List.of();
        }
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(sub)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !name.endsWith(".java")) {
                    continue;
                }
                if (!JAVA_NAME.matcher(name).matches()) {
                    problems.add(folder + "/" + name + " is not a valid Java file name");
                    continue;
                }
                String text = readText(p, problems);
                if (text != null) {
                    files.add(new SourceFile(name, text));
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + folder + "/: " + e.getMessage());
        }
        if (files.isEmpty() && required) {
            problems.add("the folder " + folder + "/ holds no .java files");
        }
        return files;
    }

    private static String readText(Path file, List<String> problems) {
        String name = file.getParent().getFileName() + "/" + file.getFileName();
        if (!Files.isRegularFile(file)) {
            problems.add(file.getFileName() + " is missing");
            return null;
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(name + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
                return null;
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            problems.add(name + " is not UTF-8 text");
        } catch (IOException e) {
            problems.add("cannot read " + name + ": " + e.getMessage());
        }
        return null;
    }

    private static Set<String> names(List<SourceFile> files) {
        Set<String> names = new TreeSet<>();
        files.forEach(f -> names.add(f.name()));
        return names;
    }
}
