package otp.data;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row of a schema as an immutable map from field name to value: the Java form of an Ecto
 * struct such as {@code %User{name: "Ada"}}. Being a {@code Map}, it encodes to JSON and fills
 * HTML templates directly.
 *
 * <pre>{@code
 * user.name                         user.get("name")       (null for an unknown key, as Map.get)
 * Map.fetch!(user, :name)           user.fetch("name")     (fails on a field the schema lacks)
 * %{user | name: "Bea"}             user.put("name", "Bea")
 * user.__meta__.state               user.state()
 * }</pre>
 */
public final class Struct extends AbstractMap<String, Object> {
    /** Where the struct stands with the database, like {@code __meta__.state}. */
    public enum State { BUILT, LOADED, DELETED }

    private final Schema schema;
    private final Map<String, Object> values;
    private final State state;

    Struct(Schema schema, Map<String, Object> values, State state) {
        this.schema = schema;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.state = state;
    }

    public Schema schema() {
        return schema;
    }

    public State state() {
        return state;
    }

    /** The primary key's value ({@code null} before insert when the database generates it). */
    public Object id() {
        return values.get(schema.primaryKey().name());
    }

    /** Returns a copy with {@code field} set; the value must have the field's Java type. */
    public Struct put(String field, Object value) {
        Schema.Field f = schema.column(field);
        if (value != null && !f.type().javaClass().isInstance(value)) {
            throw new IllegalArgumentException(field + " holds a " + f.type().javaClass().getSimpleName() + ", not a "
                    + value.getClass().getSimpleName() + "; use a changeset to cast params");
        }
        Map<String, Object> next = new LinkedHashMap<>(values);
        next.put(field, value);
        return new Struct(schema, next, state);
    }

    Struct withState(State next) {
        return new Struct(schema, values, next);
    }

    Struct merge(Map<String, Object> changes, State next) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(changes);
        return new Struct(schema, merged, next);
    }

    /** The value of {@code field}, failing with the schema's field list on a typo ({@code Map.fetch!/2}). */
    public Object fetch(String field) {
        schema.column(field);
        return values.get(field);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return values.entrySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Struct other ? schema == other.schema && values.equals(other.values) : super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema.table(), values);
    }

    @Override
    public String toString() {
        return "%" + schema.table() + values;
    }
}
