package otplab.course;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import otplab.protocol.RunStatus;

/**
 * What the words after {@code java} on a cell's opening fence mean: the one attribute set
 * that the page, the runner and {@code ./otplab check} share. See docs/AUTHORING.md.
 *
 * @param id stable name of the cell (keeps a learner's edits attached when cells move); empty means {@code cell-N}
 * @param expect the exact standard output the cell prints (trailing whitespace ignored)
 * @param expectContains text the standard output must contain
 * @param status how the run must end; {@link RunStatus#OK} unless the cell shows a failure
 * @param errorContains text the error output or diagnostics must contain (only with a failing status)
 * @param run false for {@code no-run}: a fragment shown read-only and never run
 * @param setup whether the cell prepares the session before the learner's first run
 * @param timeoutMs a wall-time limit for this cell in milliseconds, overriding the runner's default
 * @param panel the page panel shown under the cell: a request panel for its router, or its live view
 */
public record CellAttributes(
        Optional<String> id,
        Optional<String> expect,
        Optional<String> expectContains,
        RunStatus status,
        Optional<String> errorContains,
        boolean run,
        Setup setup,
        OptionalLong timeoutMs,
        Panel panel) {

    /** A panel under the cell that talks to what the cell made, in the learner's worker. */
    public enum Panel {
        /** No panel. */
        NONE,
        /** {@code router}: method, path and body sent to the router given to {@code Router.tryInPage}. */
        ROUTER,
        /** {@code live}: the view given to {@code LiveView.showInPage}, live in the page. */
        LIVE
    }

    /** Whether and how a cell prepares the session for the lesson's other cells. */
    public enum Setup {
        /** An ordinary cell. */
        NONE,
        /** Shown as an editor and run before the learner's first run. */
        VISIBLE,
        /** Not shown on the page; run before the learner's first run. */
        HIDDEN
    }

    public static final String ID = "id";
    public static final String EXPECT = "expect";
    public static final String EXPECT_CONTAINS = "expect-contains";
    public static final String STATUS = "status";
    public static final String ERROR_CONTAINS = "error-contains";
    public static final String TIMEOUT_MS = "timeout-ms";
    public static final String NO_RUN = "no-run";
    public static final String SETUP = "setup";
    public static final String HIDDEN_SETUP = "hidden-setup";
    public static final String ROUTER = "router";
    public static final String LIVE = "live";

    /** The longest per-cell limit an author may ask for; the runner caps it anyway. */
    public static final long MAX_TIMEOUT_MS = 120_000;

    private static final Set<String> VALUED = Set.of(ID, EXPECT, EXPECT_CONTAINS, STATUS, ERROR_CONTAINS, TIMEOUT_MS);
    private static final Set<String> FLAGS = Set.of(NO_RUN, SETUP, HIDDEN_SETUP, ROUTER, LIVE);
    private static final List<String> ALL_NAMES =
            List.of(ID, EXPECT, EXPECT_CONTAINS, STATUS, ERROR_CONTAINS, TIMEOUT_MS, NO_RUN, SETUP, HIDDEN_SETUP, ROUTER, LIVE);
    private static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** A plain runnable cell: no expectations beyond finishing with {@code ok}. */
    public static final CellAttributes DEFAULT = new CellAttributes(Optional.empty(), Optional.empty(),
            Optional.empty(), RunStatus.OK, Optional.empty(), true, Setup.NONE, OptionalLong.empty(), Panel.NONE);

    public CellAttributes {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(expect, "expect must not be null");
        Objects.requireNonNull(expectContains, "expectContains must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(errorContains, "errorContains must not be null");
        Objects.requireNonNull(setup, "setup must not be null");
        Objects.requireNonNull(timeoutMs, "timeoutMs must not be null");
        Objects.requireNonNull(panel, "panel must not be null");
    }

    /**
     * Reads the attribute text of a fence (what follows {@code java}). Every mistake is
     * reported to {@code problems} as a sentence; the result is the best reading of the rest.
     */
    public static CellAttributes parse(String text, List<String> problems) {
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(problems, "problems must not be null");
        Map<String, String> values = new LinkedHashMap<>();
        for (Token token : tokenize(text, problems)) {
            if (values.containsKey(token.name())) {
                problems.add("cell attribute `" + token.name() + "` is given twice");
                continue;
            }
            if (FLAGS.contains(token.name())) {
                if (token.value() != null) {
                    problems.add("cell attribute `" + token.name() + "` takes no value; write it alone");
                    continue;
                }
            } else if (VALUED.contains(token.name())) {
                if (token.value() == null) {
                    problems.add("cell attribute `" + token.name() + "` needs a value, e.g. " + token.name() + "=\"...\"");
                    continue;
                }
            } else {
                problems.add("unknown cell attribute `" + token.name() + "`; known attributes: "
                        + String.join(", ", ALL_NAMES));
                continue;
            }
            values.put(token.name(), token.value());
        }
        return build(values, problems);
    }

    private static CellAttributes build(Map<String, String> values, List<String> problems) {
        Optional<String> id = Optional.ofNullable(values.get(ID));
        if (id.isPresent() && !ID_PATTERN.matcher(id.get()).matches()) {
            problems.add("cell id `" + id.get() + "` must use lower-case letters, digits and dashes");
            id = Optional.empty();
        }
        RunStatus status = RunStatus.OK;
        if (values.containsKey(STATUS)) {
            Optional<RunStatus> parsed = RunStatus.fromWireName(values.get(STATUS));
            if (parsed.isPresent()) {
                status = parsed.get();
            } else {
                problems.add("cell status `" + values.get(STATUS) + "` is not one of " + RunStatus.allWireNames());
            }
        }
        OptionalLong timeout = OptionalLong.empty();
        if (values.containsKey(TIMEOUT_MS)) {
            timeout = parseTimeout(values.get(TIMEOUT_MS), problems);
        }
        boolean run = !values.containsKey(NO_RUN);
        if (!run) {
            for (String name : List.of(EXPECT, EXPECT_CONTAINS, STATUS, ERROR_CONTAINS, TIMEOUT_MS, SETUP, HIDDEN_SETUP, ROUTER, LIVE)) {
                if (values.containsKey(name)) {
                    problems.add("cell attribute `" + name + "` makes no sense with `no-run`, which is never run");
                }
            }
        }
        Setup setup = Setup.NONE;
        if (values.containsKey(SETUP) && values.containsKey(HIDDEN_SETUP)) {
            problems.add("use either `setup` or `hidden-setup`, not both");
        }
        if (values.containsKey(HIDDEN_SETUP)) {
            setup = Setup.HIDDEN;
        } else if (values.containsKey(SETUP)) {
            setup = Setup.VISIBLE;
        }
        Panel panel = Panel.NONE;
        if (values.containsKey(ROUTER) && values.containsKey(LIVE)) {
            problems.add("use either `router` or `live`, not both: a cell shows one panel");
        }
        if (values.containsKey(ROUTER)) {
            panel = Panel.ROUTER;
        } else if (values.containsKey(LIVE)) {
            panel = Panel.LIVE;
        }
        if (panel != Panel.NONE && setup == Setup.HIDDEN) {
            problems.add("a `hidden-setup` cell is not shown, so it cannot show a `" + (panel == Panel.ROUTER ? ROUTER : LIVE) + "` panel");
        }
        if (values.containsKey(ERROR_CONTAINS) && status == RunStatus.OK) {
            problems.add("`error-contains` needs a failing `status`, e.g. status=\"runtime_error\"");
        }
        return new CellAttributes(id, Optional.ofNullable(values.get(EXPECT)),
                Optional.ofNullable(values.get(EXPECT_CONTAINS)), status,
                Optional.ofNullable(values.get(ERROR_CONTAINS)), run, setup, timeout, panel);
    }

    private static OptionalLong parseTimeout(String value, List<String> problems) {
        try {
            long ms = Long.parseLong(value);
            if (ms >= 1 && ms <= MAX_TIMEOUT_MS) {
                return OptionalLong.of(ms);
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the same words as an out-of-range number
        }
        problems.add("`timeout-ms` must be a whole number of milliseconds from 1 to " + MAX_TIMEOUT_MS + ", was `" + value + "`");
        return OptionalLong.empty();
    }

    private record Token(String name, String value) {}

    private static List<Token> tokenize(String text, List<String> problems) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '=') {
                i++;
            }
            String name = text.substring(start, i);
            if (!NAME_PATTERN.matcher(name).matches()) {
                problems.add("cannot read cell attribute `" + name + "`; write name or name=\"value\"");
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            if (i >= n || text.charAt(i) != '=') {
                tokens.add(new Token(name, null));
                continue;
            }
            i++;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < n) {
                        char escaped = text.charAt(i++);
                        value.append(switch (escaped) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> escaped;
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    problems.add("the value of cell attribute `" + name + "` has no closing quote");
                }
                tokens.add(new Token(name, value.toString()));
            } else {
                int valueStart = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(name, text.substring(valueStart, i)));
            }
        }
        return tokens;
    }
}
