package otplab.worker;

import java.io.IOException;
import java.io.PrintStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import otplab.protocol.CellDiagnostic;
import otplab.protocol.RunStatus;
import otplab.worker.policy.BytecodePolicy;
import otplab.worker.policy.PolicedExecutionControl;
import otplab.worker.policy.PolicyRefusal;

/**
 * A JShell session whose cells share state like a notebook. Runs learner code in this JVM through
 * {@link PolicedExecutionControl}; reports values, diagnostics and errors in the cell's own lines.
 */
final class Notebook implements AutoCloseable {
    /** Packages of the mini-framework imported into every session when they are on the classpath. */
    static final List<String> FRAMEWORK_PACKAGES = List.of("otp", "otp.web", "otp.live", "otp.data", "otp.config");
    /** JDK packages a lesson cell may use without importing, like the jshell tool's defaults. */
    static final List<String> JDK_IMPORTS = List.of(
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.stream.*", "java.time.*");
    private static final int MAX_STACK_LINES = 12;
    /** The names JShell gives its wrapper classes; learners never wrote them. */
    private static final java.util.regex.Pattern WRAPPER_NAME = java.util.regex.Pattern.compile("(REPL\\.)?\\$JShell\\$\\d+[A-Z]?\\$?");
    /** javac's "cannot find symbol" in the one-line form {@link #learnerMessage} gives it. */
    private static final java.util.regex.Pattern MISSING_SYMBOL = java.util.regex.Pattern.compile(
            "^cannot find symbol: (?:variable|class|method) (\\w+)");

    private final PolicedExecutionControl.Provider engine = new PolicedExecutionControl.Provider();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private volatile boolean stopRequested;

    Notebook(PrintStream diagnosticsSink) {
        shell = JShell.builder()
                .executionEngine(engine, Map.of())
                .out(diagnosticsSink)
                .err(diagnosticsSink)
                .compilerOptions("-proc:none")
                .build();
        analysis = shell.sourceCodeAnalysis();
        for (String line : defaultImports()) {
            shell.eval(line);
        }
    }

    /**
     * The import lines every session starts with. Each line is compiled on its own when a worker
     * starts, so packages are imported on demand and only the framework classes whose simple name
     * is also a JDK class in scope ({@code otp.Process} and {@code java.lang.Process}) get a
     * single-type import, which makes the framework's class win instead of being ambiguous.
     */
    static List<String> defaultImports() {
        List<String> lines = new ArrayList<>();
        for (String pkg : JDK_IMPORTS) {
            lines.add("import " + pkg + ";");
        }
        List<String> scope = new ArrayList<>(List.of("java.lang"));
        JDK_IMPORTS.forEach(pkg -> scope.add(pkg.substring(0, pkg.length() - ".*".length())));
        List<String> framework = new ArrayList<>();
        for (String pkg : FRAMEWORK_PACKAGES) {
            List<String> classes = publicClassesOf(pkg);
            if (classes.isEmpty()) {
                continue;
            }
            lines.add("import " + pkg + ".*;");
            for (String name : classes) {
                if (framework.contains(name)) {
                    continue;
                }
                framework.add(name);
                if (scope.stream().anyMatch(other -> exists(other + "." + name))
                        || FRAMEWORK_PACKAGES.stream().anyMatch(other -> !other.equals(pkg) && exists(other + "." + name))) {
                    lines.add("import " + pkg + "." + name + ";");
                }
            }
        }
        for (String staticOwner : List.of("otp.GenServer", "otp.Process")) {
            if (Notebook.class.getClassLoader().getResource(staticOwner.replace('.', '/') + ".class") != null) {
                lines.add("import static " + staticOwner + ".*;");
            }
        }
        return lines;
    }

    /** Public top-level classes of {@code pkg} in every classpath entry that holds the package. */
    private static List<String> publicClassesOf(String pkg) {
        String folder = pkg.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL url : java.util.Collections.list(Notebook.class.getClassLoader().getResources(folder))) {
                classNamesIn(url, folder, names);
            }
        } catch (IOException | URISyntaxException | ClassCastException unreadable) {
            return List.of();
        }
        return names.stream().filter(name -> isPublic(pkg + "." + name)).toList();
    }

    private static void classNamesIn(URL url, String folder, TreeSet<String> names) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("jar")) {
            try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                jar.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith(folder + "/") && name.endsWith(".class"))
                        .map(name -> name.substring(folder.length() + 1, name.length() - ".class".length()))
                        .filter(name -> !name.contains("/") && !name.contains("$") && !name.contains("-"))
                        .forEach(names::add);
            }
        } else if (url.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.contains("-"))
                        .map(name -> name.substring(0, name.length() - ".class".length()))
                        .forEach(names::add);
            }
        }
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, Notebook.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static boolean isPublic(String className) {
        try {
            return java.lang.reflect.Modifier.isPublic(
                    Class.forName(className, false, Notebook.class.getClassLoader()).getModifiers());
        } catch (ClassNotFoundException | LinkageError notLoadable) {
            return false;
        }
    }

    /**
     * Evaluates the cell: first every snippet is compiled, checked and loaded without running
     * (so a compile error or a refusal anywhere runs nothing of the cell), then the snippets run in
     * order until one fails. Only the last snippet's value is shown, and only when it is an
     * expression, as a notebook shows a cell's result; declarations show none.
     */
    CellOutcome eval(String cell) {
        stopRequested = false;
        engine.control().drainViolations();
        engine.control().takeDeferred();
        List<CellDiagnostic> diagnostics = new ArrayList<>();
        List<Compiled> compiled = new ArrayList<>();
        CellOutcome refused;
        engine.control().deferInvocations(true);
        try {
            refused = compile(cell, compiled, diagnostics);
        } finally {
            engine.control().deferInvocations(false);
            engine.control().takeDeferred();
        }
        if (refused != null) {
            forgetVariables(compiled);
            return refused;
        }
        return execute(cell, compiled, diagnostics);
    }

    /** One snippet of the cell, compiled and loaded; {@code invocation} is null for a declaration that runs nothing. */
    private record Compiled(Snippet snippet, int offset, PolicedExecutionControl.Invocation invocation) {}

    /** Compiles the cell's snippets in order; the failure's outcome, or null when every snippet compiled. */
    private CellOutcome compile(String cell, List<Compiled> compiled, List<CellDiagnostic> diagnostics) {
        String rest = cell;
        int offset = 0;
        while (true) {
            int skip = leadingWhitespace(rest);
            offset += skip;
            rest = rest.substring(skip);
            if (rest.isEmpty()) {
                return null;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                return null;
            }
            if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
                diagnostics.add(CellDiagnostic.at(cell, offset, cell.length(), "error",
                        "this code is not complete: a ';', ')' or '}' may be missing"));
                return new CellOutcome(RunStatus.COMPILE_ERROR, List.of(), diagnostics, "");
            }
            int consumed = rest.length() - info.remaining().length();
            CellOutcome failure = compileSnippet(cell, offset, consumed, info.source(), compiled, diagnostics);
            if (failure != null) {
                return failure;
            }
            offset += consumed;
            rest = info.remaining();
        }
    }

    private CellOutcome compileSnippet(String cell, int offset, int length, String source,
                                       List<Compiled> compiled, List<CellDiagnostic> diagnostics) {
        List<SnippetEvent> events;
        try {
            events = shell.eval(source);
        } catch (RuntimeException engineFailure) {
            engine.control().drainViolations();
            diagnostics.add(CellDiagnostic.at(cell, offset, offset + length, "error",
                    "the runner could not load this code: " + engineFailure.getMessage()));
            return new CellOutcome(RunStatus.RUNTIME_ERROR, List.of(), diagnostics,
                    "the runner could not load this code (" + engineFailure.getClass().getSimpleName() + ")");
        }
        List<BytecodePolicy.Violation> violations = engine.control().drainViolations();
        List<PolicedExecutionControl.Invocation> invocations = engine.control().takeDeferred();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (!violations.isEmpty()) {
                BytecodePolicy.Violation first = violations.getFirst();
                int position = offset + snippetPosition(snippet, first);
                shell.drop(snippet);
                diagnostics.add(CellDiagnostic.at(cell, position, lineEnd(cell, position), "error", first.message()));
                int line = CellDiagnostic.lineColumn(cell, position)[0];
                return new CellOutcome(RunStatus.REJECTED, List.of(), diagnostics,
                        first.message() + " (line " + line + ")");
            }
            if (event.status() == Snippet.Status.REJECTED) {
                for (Diag diag : shell.diagnostics(snippet).toList()) {
                    diagnostics.add(toCell(cell, offset, length, diag));
                }
                if (diagnostics.stream().noneMatch(d -> d.severity().equals("error"))) {
                    diagnostics.add(CellDiagnostic.at(cell, offset, offset + length, "error", "this code could not be compiled"));
                }
                return new CellOutcome(RunStatus.COMPILE_ERROR, List.of(), diagnostics, undeclaredHint(diagnostics));
            }
            shell.diagnostics(snippet).filter(diag -> !diag.isError())
                    .forEach(diag -> diagnostics.add(toCell(cell, offset, length, diag)));
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = String.join(", ", shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList());
                diagnostics.add(CellDiagnostic.at(cell, offset, lineEnd(cell, offset), "warning",
                        "declared, but it can only be used once " + missing + " is declared"));
            }
            compiled.add(new Compiled(snippet, offset, invocations.isEmpty() ? null : invocations.getFirst()));
        }
        return null;
    }

    /**
     * A cell that did not compile leaves no variables behind: without this, the variables it
     * declared before the error would exist holding zero or null instead of what the cell says.
     */
    private void forgetVariables(List<Compiled> compiled) {
        for (Compiled piece : compiled.reversed()) {
            if (piece.snippet() instanceof VarSnippet) {
                shell.drop(piece.snippet());
            }
        }
    }

    /** Runs the compiled snippets in order; stops at the first that throws or is stopped. */
    private CellOutcome execute(String cell, List<Compiled> compiled, List<CellDiagnostic> diagnostics) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < compiled.size(); i++) {
            Compiled piece = compiled.get(i);
            if (piece.invocation() == null) {
                continue;
            }
            String value;
            try {
                value = engine.control().invoke(piece.invocation().className(), piece.invocation().methodName());
            } catch (ExecutionControl.StoppedException stopped) {
                return new CellOutcome(RunStatus.KILLED, values, diagnostics, "the run was stopped");
            } catch (ExecutionControl.ResolutionException unresolved) {
                return new CellOutcome(RunStatus.COMPILE_ERROR, values, diagnostics, notDeclaredYet(unresolved.id()));
            } catch (ExecutionControl.UserException thrown) {
                return failure(cell, compiled, thrown.causeExceptionClass(), thrown.getMessage(),
                        thrown.getStackTrace(), values, diagnostics);
            } catch (ExecutionControl.ExecutionControlException engineFailure) {
                return new CellOutcome(RunStatus.RUNTIME_ERROR, values, diagnostics,
                        "the runner could not run this code (" + engineFailure.getClass().getSimpleName() + ")");
            }
            if (stopRequested) {
                return new CellOutcome(RunStatus.KILLED, values, diagnostics, "the run was stopped");
            }
            if (i == compiled.size() - 1) {
                shownValue(piece, value).ifPresent(values::add);
            }
        }
        return new CellOutcome(RunStatus.OK, values, diagnostics, "");
    }

    /**
     * How the cell's last snippet shows its value: {@code name ==> value} for a named variable on
     * its own, {@code ==> value} for any other expression, nothing for a declaration or a statement.
     */
    private Optional<String> shownValue(Compiled piece, String value) {
        return switch (piece.snippet()) {
            case ExpressionSnippet expression -> Optional.of(expression.name() + " ==> " + learnerNames(value));
            case VarSnippet variable when variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND ->
                    Optional.of("==> " + learnerNames(varValue(piece, variable, value)));
            default -> Optional.empty();
        };
    }

    private String varValue(Compiled piece, VarSnippet variable, String returned) {
        try {
            return engine.control().varValue(piece.invocation().className(), variable.name());
        } catch (ExecutionControl.ExecutionControlException unreadable) {
            return returned;
        }
    }

    private String notDeclaredYet(int snippetId) {
        String id = Integer.toString(snippetId);
        List<String> missing = shell.snippets().filter(s -> s.id().equals(id))
                .filter(s -> s instanceof jdk.jshell.DeclarationSnippet)
                .flatMap(s -> shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s))
                .toList();
        return notDeclaredYet(missing.isEmpty() ? "something" : String.join(", ", missing));
    }

    static String notDeclaredYet(String missing) {
        return "this uses " + missing + ", which is not declared yet: run the cell above that declares it first";
    }

    /** When javac cannot find a name, the likely cause in a notebook is a cell above that has not run yet. */
    private static String undeclaredHint(List<CellDiagnostic> diagnostics) {
        return diagnostics.stream().map(CellDiagnostic::message)
                .map(MISSING_SYMBOL::matcher).filter(java.util.regex.Matcher::find)
                .map(found -> notDeclaredYet(found.group(1)) + " (or check its spelling)")
                .findFirst().orElse("");
    }

    private CellOutcome failure(String cell, List<Compiled> compiled, String className, String message, StackTraceElement[] stack,
                                List<String> values, List<CellDiagnostic> diagnostics) {
        StringBuilder text = new StringBuilder(learnerNames(className));
        if (message != null) {
            text.append(": ").append(learnerNames(message));
        }
        int shown = 0;
        for (StackTraceElement frame : stack) {
            if (shown == MAX_STACK_LINES) {
                text.append("\n    ...");
                break;
            }
            String frameClass = frame.getClassName();
            if (frameClass.startsWith("jdk.internal.") || frameClass.startsWith("otplab.")
                    || frameClass.startsWith("java.base/jdk.internal.") || frameClass.startsWith("jdk.jshell.")) {
                continue;
            }
            text.append("\n    ").append(where(cell, compiled, frame));
            shown++;
        }
        boolean refused = PolicyRefusal.class.getName().equals(className);
        return new CellOutcome(refused ? RunStatus.REJECTED : RunStatus.RUNTIME_ERROR, values, diagnostics, text.toString());
    }

    /**
     * A stack frame in the learner's terms: code of this cell by its line in the cell, code of an
     * earlier cell by its class and method, library code as Java prints it.
     */
    private String where(String cell, List<Compiled> compiled, StackTraceElement frame) {
        String frameClass = frame.getClassName();
        if (!WRAPPER_NAME.matcher(frameClass).find()) {
            return "at " + frame;
        }
        String member = learnerNames(frameClass);
        String method = frame.getMethodName().equals("do_it$") ? "this cell"
                : member.isEmpty() ? frame.getMethodName() : member + "." + frame.getMethodName();
        for (Compiled piece : compiled) {
            String wrapper = wrapperClass(piece.snippet());
            if (wrapper != null && (frameClass.equals(wrapper) || frameClass.startsWith(wrapper + "$"))) {
                int position = piece.offset() + snippetPosition(piece.snippet(), frame.getLineNumber());
                return "at " + method + " (line " + CellDiagnostic.lineColumn(cell, position)[0] + ")";
            }
        }
        return "at " + method + " (declared in an earlier cell)";
    }

    private String wrapperClass(Snippet snippet) {
        try {
            return analysis.wrapper(snippet).fullClassName();
        } catch (RuntimeException unwrapped) {
            return null;
        }
    }

    /** Text with JShell's wrapper class names taken out: {@code REPL.$JShell$17$Counter} reads {@code Counter}. */
    static String learnerNames(String text) {
        return WRAPPER_NAME.matcher(text).replaceAll("");
    }

    /** Maps a refused call's line in JShell's wrapper class back to a position in the snippet. */
    private int snippetPosition(Snippet snippet, BytecodePolicy.Violation violation) {
        return snippetPosition(snippet, violation.line());
    }

    /** Maps a line of JShell's wrapper class of {@code snippet} to a position in the snippet's own source. */
    private int snippetPosition(Snippet snippet, int wrappedLine) {
        if (wrappedLine <= 0) {
            return 0;
        }
        try {
            SourceCodeAnalysis.SnippetWrapper wrapper = analysis.wrapper(snippet);
            String wrapped = wrapper.wrapped();
            int position = 0;
            for (int line = 1; line < wrappedLine && position >= 0; line++) {
                position = wrapped.indexOf('\n', position) + 1;
                if (position == 0) {
                    return 0;
                }
            }
            while (position < wrapped.length() && Character.isWhitespace(wrapped.charAt(position))) {
                position++;
            }
            int mapped = wrapper.wrappedToSourcePosition(position);
            return Math.max(mapped, 0);
        } catch (RuntimeException unmappable) {
            return 0;
        }
    }

    private static CellDiagnostic toCell(String cell, int offset, int length, Diag diag) {
        long start = diag.getStartPosition();
        long end = diag.getEndPosition();
        int from = start < 0 ? offset : offset + (int) Math.min(start, length);
        int to = end < 0 ? lineEnd(cell, from) : offset + (int) Math.min(end, length);
        if (to <= from) {
            to = Math.min(from + 1, cell.length());
        }
        return CellDiagnostic.at(cell, from, to, diag.isError() ? "error" : "warning",
                learnerMessage(diag.getMessage(java.util.Locale.ENGLISH)));
    }

    /**
     * javac's message in the learner's terms: one line, JShell's wrapper classes left out
     * ({@code location: class } names the hidden class a snippet is wrapped in).
     */
    static String learnerMessage(String javacMessage) {
        String[] lines = WRAPPER_NAME.matcher(javacMessage).replaceAll("").split("\\R");
        StringBuilder text = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip().replaceAll("\\s+", " ");
            if (line.startsWith("symbol: ")) {
                text.append(": ").append(line.substring("symbol: ".length()));
            } else if (line.startsWith("location: ")) {
                String where = line.substring("location: ".length()).strip();
                if (!where.equals("class") && !where.isEmpty()) {
                    text.append(" in ").append(where);
                }
            } else if (!line.isEmpty()) {
                text.append("; ").append(line);
            }
        }
        return text.toString();
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', Math.min(from, text.length()));
        return end < 0 ? text.length() : end;
    }

    private static int leadingWhitespace(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Completion suggestions at {@code cursor}, as the text to insert, with the session's names. */
    List<String> complete(String code, int cursor) {
        int[] anchor = new int[1];
        int at = Math.clamp(cursor, 0, code.length());
        List<String> items = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion suggestion : analysis.completionSuggestions(code, at, anchor)) {
            items.add(suggestion.continuation());
        }
        items.addFirst(Integer.toString(anchor[0]));
        return items;
    }

    /** Asks the running cell to stop: loops end at their next back-edge, sleeps are interrupted. */
    void stop() {
        stopRequested = true;
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }
}
