package otp.data;

import java.util.Set;
import java.util.regex.Pattern;

/** Table, column and index names: checked before they are ever placed into SQL text. */
final class Identifiers {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Longest name PostgreSQL keeps without truncating. */
    static final int MAX_LENGTH = 63;
    private static final Set<String> RESERVED = Set.of(
            "all", "and", "any", "as", "asc", "between", "by", "case", "check", "column", "constraint", "create",
            "cross", "current_date", "current_time", "current_timestamp", "current_user", "default", "delete",
            "desc", "distinct", "drop", "else", "end", "except", "exists", "false", "fetch", "for", "foreign",
            "from", "full", "group", "having", "in", "inner", "insert", "intersect", "interval", "into", "is",
            "join", "key", "left", "like", "limit", "not", "null", "offset", "on", "or", "order", "primary",
            "references", "right", "select", "set", "table", "then", "to", "true", "union", "unique", "update",
            "user", "using", "value", "values", "when", "where", "with");

    private Identifiers() {}

    static String check(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(kind + " name '" + name + "' must be lower-case letters, digits and _"
                    + " (starting with a letter or _), at most " + MAX_LENGTH + " characters");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException(kind + " name '" + name + "' is a reserved word in SQL; choose another");
        }
        return name;
    }
}
