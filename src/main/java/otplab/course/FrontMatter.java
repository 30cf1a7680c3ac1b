package otplab.course;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML front matter at the top of a lesson or exercise file, read strictly so that every
 * mistake is reported with its line. Accepts the plain subset authors need: {@code key: value},
 * quoted values, {@code [a, b]} lists, {@code - item} lists and {@code |} / {@code >} blocks.
 *
 * @param fields the fields in file order
 * @param lastLine 1-based line of the closing {@code ---} (0 when there is no front matter)
 * @param problems mistakes found, each with its 1-based line
 */
public record FrontMatter(Map<String, Field> fields, int lastLine, List<Problem> problems) {

    /** One field: its value is a {@code String} or a {@code List<String>}. */
    public record Field(String key, Object value, int line) {}

    /** A mistake at a 1-based line of the file. */
    public record Problem(int line, String message) {}

    public static final String FENCE = "---";

    private static final Pattern KEY_LINE = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):(?:[ \\t]+(.*))?[ \\t]*");
    private static final Pattern LIST_ITEM = Pattern.compile("[ \\t]+-[ \\t]+(.*)");

    public FrontMatter {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        problems = List.copyOf(problems);
    }

    public Optional<Field> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** Reads the front matter at the top of {@code text}. Never throws on bad input. */
    public static FrontMatter parse(String text) {
        Objects.requireNonNull(text, "text must not be null");
        String[] lines = text.split("\\r?\\n", -1);
        List<Problem> problems = new ArrayList<>();
        if (lines.length == 0 || !lines[0].strip().equals(FENCE)) {
            problems.add(new Problem(1, "the file must begin with front matter: a line `---`, fields such as "
                    + "`title: ...`, then a closing `---`"));
            return new FrontMatter(Map.of(), 0, problems);
        }
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            String stripped = lines[i].strip();
            if (stripped.equals(FENCE) || stripped.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problems.add(new Problem(1, "the front matter opened on line 1 is never closed; add a line `---` after its last field"));
            return new FrontMatter(Map.of(), 0, problems);
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        int i = 1;
        while (i < close) {
            String line = lines[i];
            int lineNumber = i + 1;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                i++;
                continue;
            }
            Matcher key = KEY_LINE.matcher(line);
            if (!key.matches()) {
                String hint = Character.isWhitespace(line.charAt(0))
                        ? "this indented line belongs to no field"
                        : "expected `field: value`";
                problems.add(new Problem(lineNumber, hint + ", found `" + line.strip() + "`"));
                i++;
                continue;
            }
            String name = key.group(1);
            String raw = key.group(2) == null ? "" : key.group(2).strip();
            i++;
            Object value;
            if (raw.isEmpty()) {
                List<String> items = new ArrayList<>();
                while (i < close && (LIST_ITEM.matcher(lines[i]).matches())) {
                    Matcher item = LIST_ITEM.matcher(lines[i]);
                    item.matches();
                    items.add(scalar(item.group(1), i + 1, problems));
                    i++;
                }
                value = items.isEmpty() ? "" : List.copyOf(items);
            } else if (raw.equals("|") || raw.equals(">")) {
                List<String> block = new ArrayList<>();
                while (i < close && (lines[i].isBlank() || Character.isWhitespace(lines[i].charAt(0)))) {
                    block.add(lines[i].strip());
                    i++;
                }
                value = String.join(raw.equals("|") ? "\n" : " ", block).strip();
            } else if (raw.startsWith("[")) {
                value = flowList(raw, lineNumber, problems);
            } else {
                value = scalar(raw, lineNumber, problems);
            }
            if (fields.containsKey(name)) {
                problems.add(new Problem(lineNumber, "field `" + name + "` is given twice (first on line "
                        + fields.get(name).line() + ")"));
            } else {
                fields.put(name, new Field(name, value, lineNumber));
            }
        }
        return new FrontMatter(fields, close + 1, problems);
    }

    private static List<String> flowList(String raw, int line, List<Problem> problems) {
        if (!raw.endsWith("]")) {
            problems.add(new Problem(line, "the list `" + raw + "` has no closing `]`"));
            return List.of();
        }
        String inner = raw.substring(1, raw.length() - 1).strip();
        if (inner.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String part : inner.split(",")) {
            items.add(scalar(part.strip(), line, problems));
        }
        return List.copyOf(items);
    }

    private static String scalar(String raw, int line, List<Problem> problems) {
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    if (!raw.substring(i + 1).isBlank()) {
                        problems.add(new Problem(line, "unexpected text after the closing quote in `" + raw + "`"));
                    }
                    return out.toString();
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char escaped = raw.charAt(++i);
                    out.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> escaped;
                    });
                } else {
                    out.append(c);
                }
            }
            problems.add(new Problem(line, "the value `" + raw + "` has no closing `\"`"));
            return out.toString();
        }
        if (raw.startsWith("'")) {
            int end = raw.lastIndexOf('\'');
            if (end == 0) {
                problems.add(new Problem(line, "the value `" + raw + "` has no closing `'`"));
                return raw.substring(1);
            }
            return raw.substring(1, end).replace("''", "'");
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
