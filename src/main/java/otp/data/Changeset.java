package otp.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Changes to a struct, cast from params and validated before they reach the database: the Java form
 * of {@code Ecto.Changeset}. Every method returns a new changeset.
 *
 * <pre>{@code
 * user                                              Changeset.cast(user, attrs,
 * |> cast(attrs, [:name, :email, :age])                     List.of("name", "email", "age"))
 * |> validate_required([:name, :email])                 .validateRequired("name", "email")
 * |> validate_format(:email, ~r/@/)                     .validateFormat("email", Pattern.compile("@"))
 * |> validate_number(:age, greater_than: 0)             .validateNumber("age", greaterThan(0))
 * |> validate_length(:name, min: 2, max: 50)            .validateLength("name", min(2), max(50))
 * |> validate_inclusion(:role, ["admin", "user"])       .validateInclusion("role", List.of("admin", "user"))
 * |> unique_constraint(:email)                          .uniqueConstraint("email")
 * changeset.valid?                                  changeset.isValid()
 * changeset.errors                                  changeset.errors()
 * traverse_errors(changeset, ...)                   changeset.errorMap()
 * get_field(cs, :name) / get_change(cs, :name)      cs.getField("name") / cs.getChange("name")
 * put_change(cs, :name, "Bea")                      cs.putChange("name", "Bea")
 * add_error(cs, :name, "is odd")                    cs.addError("name", "is odd")
 * apply_changes(cs)                                 cs.applyChanges()
 * apply_action(cs, :insert)                         cs.applyAction("insert")
 * change(user, name: "Bea")                         Changeset.change(user, Map.of("name", "Bea"))
 * }</pre>
 *
 * <p>Validations other than {@code validateRequired} check only fields that are being changed, as
 * in Ecto, so an update that leaves a field alone is not re-validated on it.
 */
public final class Changeset {
    public static final String BLANK = "can't be blank";
    public static final String INVALID = "is invalid";
    public static final String INVALID_FORMAT = "has invalid format";
    public static final String RESERVED = "is reserved";
    public static final String TAKEN = "has already been taken";

    /** One error: the field, the message shown to people, and which validation produced it. */
    public record Error(String field, String message, String validation) {}

    /** A database constraint this changeset expects, turned into an error when the database reports it. */
    public record Constraint(String field, String name, String message) {}

    /** A bound for {@link #validateNumber}. */
    public record NumberRule(String kind, Number bound) {}

    /** A bound for {@link #validateLength}. */
    public record LengthRule(String kind, int count) {}

    private final Struct data;
    private final Map<String, Object> params;
    private final Map<String, Object> changes;
    private final List<Error> errors;
    private final List<Constraint> constraints;
    private final String action;

    private Changeset(Struct data, Map<String, Object> params, Map<String, Object> changes, List<Error> errors,
                      List<Constraint> constraints, String action) {
        this.data = data;
        this.params = params;
        this.changes = changes;
        this.errors = errors;
        this.constraints = constraints;
        this.action = action;
    }

    /**
     * Casts the permitted keys of {@code params} to the schema's types. Keys may be strings (from a
     * form or JSON). A value that does not fit its type gets {@value #INVALID}; a value equal to the
     * struct's current one is not a change; keys that are not permitted are ignored.
     */
    public static Changeset cast(Struct data, Map<String, ?> params, Collection<String> permitted) {
        Objects.requireNonNull(data, "data must not be null");
        Objects.requireNonNull(params, "params must not be null");
        Map<String, Object> changes = new LinkedHashMap<>();
        List<Error> errors = new ArrayList<>();
        for (String field : permitted) {
            Schema.Field f = data.schema().column(field);
            if (!params.containsKey(field)) {
                continue;
            }
            Object raw = params.get(field);
            Object value;
            if (Type.isBlank(raw)) {
                value = null;
            } else {
                var cast = f.type().cast(raw);
                if (cast.isEmpty()) {
                    errors.add(new Error(field, INVALID, "cast"));
                    continue;
                }
                value = cast.get();
            }
            if (!Objects.equals(value, data.get(field))) {
                changes.put(field, value);
            }
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        params.forEach((k, v) -> kept.put(String.valueOf(k), v));
        return new Changeset(data, Collections.unmodifiableMap(kept), Collections.unmodifiableMap(changes),
                List.copyOf(errors), List.of(), null);
    }

    /** A changeset with already-typed changes and no params ({@code Ecto.Changeset.change/2}). */
    public static Changeset change(Struct data, Map<String, ?> changes) {
        Changeset cs = new Changeset(data, Map.of(), Map.of(), List.of(), List.of(), null);
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            cs = cs.putChange(e.getKey(), e.getValue());
        }
        return cs;
    }

    // ---- reading

    public Struct data() {
        return data;
    }

    public Map<String, Object> params() {
        return params;
    }

    public Map<String, Object> changes() {
        return changes;
    }

    public List<Error> errors() {
        return errors;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    /** The action a repo tried ({@code "insert"}, {@code "update"}), or {@code null}; forms show errors once it is set. */
    public String action() {
        return action;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The changed value if the field changes, else the struct's value. */
    public Object getField(String field) {
        data.schema().column(field);
        return changes.containsKey(field) ? changes.get(field) : data.get(field);
    }

    /** The changed value, or {@code null} when the field does not change. */
    public Object getChange(String field) {
        data.schema().column(field);
        return changes.get(field);
    }

    /** The messages for {@code field}, in the order they were added. */
    public List<String> errorsOn(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(Error::message).toList();
    }

    /** Every field's messages ({@code traverse_errors}), as a form or a JSON error response shows them. */
    public Map<String, List<String>> errorMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Error e : errors) {
            out.computeIfAbsent(e.field(), k -> new ArrayList<>()).add(e.message());
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    // ---- changing

    /** Sets a change; the value must already have the field's Java type. */
    public Changeset putChange(String field, Object value) {
        Schema.Field f = data.schema().column(field);
        if (value != null && !f.type().javaClass().isInstance(value)) {
            throw new IllegalArgumentException(field + " holds a " + f.type().javaClass().getSimpleName()
                    + ", not a " + value.getClass().getSimpleName());
        }
        Map<String, Object> next = new LinkedHashMap<>(changes);
        if (Objects.equals(value, data.get(field))) {
            next.remove(field);
        } else {
            next.put(field, value);
        }
        return with(Collections.unmodifiableMap(next), errors, constraints, action);
    }

    public Changeset addError(String field, String message) {
        return addError(field, message, "custom");
    }

    Changeset addError(String field, String message, String validation) {
        data.schema().column(field);
        List<Error> next = new ArrayList<>(errors);
        next.add(new Error(field, message, validation));
        return with(changes, List.copyOf(next), constraints, action);
    }

    Changeset withAction(String next) {
        return with(changes, errors, constraints, next);
    }

    /** The struct with the changes applied, valid or not. */
    public Struct applyChanges() {
        return data.merge(changes, data.state());
    }

    /** {@code Ok(struct)} when valid, else {@code Error(changeset)} with the action set ({@code apply_action}). */
    public Result<Struct, Changeset> applyAction(String action) {
        Objects.requireNonNull(action, "action must not be null");
        return isValid() ? Result.ok(applyChanges()) : Result.error(withAction(action));
    }

    // ---- validations

    /** Each field must have a value that is not blank, whether changed or already on the struct. */
    public Changeset validateRequired(String... fields) {
        Changeset cs = this;
        for (String field : fields) {
            if (cs.errorsOn(field).isEmpty() && Type.isBlank(cs.getField(field))) {
                cs = cs.addError(field, BLANK, "required");
            }
        }
        return cs;
    }

    /** A changed string must match {@code pattern} somewhere (Elixir's {@code =~}). */
    public Changeset validateFormat(String field, Pattern pattern) {
        Object value = getChange(field);
        if (value instanceof String s && !pattern.matcher(s).find()) {
            return addError(field, INVALID_FORMAT, "format");
        }
        return this;
    }

    public static NumberRule greaterThan(Number n) {
        return new NumberRule("greater than", n);
    }

    public static NumberRule greaterThanOrEqualTo(Number n) {
        return new NumberRule("greater than or equal to", n);
    }

    public static NumberRule lessThan(Number n) {
        return new NumberRule("less than", n);
    }

    public static NumberRule lessThanOrEqualTo(Number n) {
        return new NumberRule("less than or equal to", n);
    }

    public static NumberRule equalTo(Number n) {
        return new NumberRule("equal to", n);
    }

    /** A changed number must satisfy every rule; the first one broken gives the message. */
    public Changeset validateNumber(String field, NumberRule... rules) {
        if (!(getChange(field) instanceof Number value)) {
            return this;
        }
        double v = value.doubleValue();
        for (NumberRule rule : rules) {
            double b = rule.bound().doubleValue();
            boolean ok = switch (rule.kind()) {
                case "greater than" -> v > b;
                case "greater than or equal to" -> v >= b;
                case "less than" -> v < b;
                case "less than or equal to" -> v <= b;
                default -> v == b;
            };
            if (!ok) {
                return addError(field, "must be " + rule.kind() + " " + rule.bound(), "number");
            }
        }
        return this;
    }

    public static LengthRule min(int count) {
        return new LengthRule("min", count);
    }

    public static LengthRule max(int count) {
        return new LengthRule("max", count);
    }

    public static LengthRule is(int count) {
        return new LengthRule("is", count);
    }

    /** A changed string (counted in characters) or list must satisfy every rule. */
    public Changeset validateLength(String field, LengthRule... rules) {
        Object value = getChange(field);
        int length;
        String unit;
        if (value instanceof String s) {
            length = s.codePointCount(0, s.length());
            unit = "character(s)";
        } else if (value instanceof Collection<?> c) {
            length = c.size();
            unit = "item(s)";
        } else {
            return this;
        }
        for (LengthRule rule : rules) {
            String message = switch (rule.kind()) {
                case "min" -> length < rule.count() ? "should be at least " + rule.count() + " " + unit : null;
                case "max" -> length > rule.count() ? "should be at most " + rule.count() + " " + unit : null;
                default -> length != rule.count() ? "should be " + rule.count() + " " + unit : null;
            };
            if (message != null) {
                return addError(field, message, "length");
            }
        }
        return this;
    }

    /** A changed value must be one of {@code allowed}. */
    public Changeset validateInclusion(String field, Collection<?> allowed) {
        Object value = getChange(field);
        return value != null && !allowed.contains(value) ? addError(field, INVALID, "inclusion") : this;
    }

    /** A changed value must not be one of {@code reserved}. */
    public Changeset validateExclusion(String field, Collection<?> reserved) {
        Object value = getChange(field);
        return value != null && reserved.contains(value) ? addError(field, RESERVED, "exclusion") : this;
    }

    /**
     * Declares that the database's unique index {@code <table>_<field>_index} guards {@code field}:
     * when an insert or update breaks it, the repo returns this changeset with
     * {@value #TAKEN} on the field instead of throwing.
     */
    public Changeset uniqueConstraint(String field) {
        return uniqueConstraint(field, data.schema().table() + "_" + field + "_index");
    }

    /** {@link #uniqueConstraint(String)} for an index with another name ({@code name:}). */
    public Changeset uniqueConstraint(String field, String indexName) {
        data.schema().column(field);
        List<Constraint> next = new ArrayList<>(constraints);
        next.add(new Constraint(field, indexName.toLowerCase(Locale.ROOT), TAKEN));
        return with(changes, errors, List.copyOf(next), action);
    }

    private Changeset with(Map<String, Object> changes, List<Error> errors, List<Constraint> constraints, String action) {
        return new Changeset(data, params, changes, errors, constraints, action);
    }

    @Override
    public String toString() {
        return "#Changeset<action: " + action + ", changes: " + changes + ", errors: " + errorMap()
                + ", valid?: " + isValid() + ">";
    }
}
