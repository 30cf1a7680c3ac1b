package otp.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A composable, immutable query: the Java form of {@code Ecto.Query}. Every value is sent to the
 * database as a bound parameter and every field name is checked against the schema, so neither
 * can ever become SQL text.
 *
 * <pre>{@code
 * from u in User                                Query.from(USER)
 * |> where([u], u.is_active == true)            .where(field("is_active").eq(true))
 * |> where([u], u.age > ^min or is_nil(u.age))  .where(field("age").gt(min).or(field("age").isNil()))
 * |> where([u], u.name in ^names)               .where(field("name").in(names))
 * |> where([u], like(u.name, ^"A%"))            .where(field("name").like("A%"))
 * |> order_by([u], [desc: u.age, asc: u.name])  .orderBy(desc("age"), asc("name"))
 * |> limit(10) |> offset(20)                    .limit(10).offset(20)
 * |> select([u], u.name)                        .selectField("name")          // Query<Object>
 * |> select([u], map(u, [:id, :name]))          .select("id", "name")         // Query<Map<String, Object>>
 * Repo.to_sql(:all, query)                      query.toSql()
 * }</pre>
 *
 * @param <T> what each result row is: a {@link Struct}, a selected value, or a map of selected fields
 */
public final class Query<T> {
    /** A condition of a {@code where}. */
    public sealed interface Condition {
        default Condition and(Condition other) {
            return new And(this, other);
        }

        default Condition or(Condition other) {
            return new Or(this, other);
        }
    }

    record Compare(String field, String op, Object value) implements Condition {}

    record IsNull(String field, boolean negated) implements Condition {}

    record In(String field, List<Object> values) implements Condition {}

    record And(Condition left, Condition right) implements Condition {}

    record Or(Condition left, Condition right) implements Condition {}

    record Not(Condition inner) implements Condition {}

    /** A field reference inside a condition, made by {@link #field(String)}. */
    public record FieldRef(String name) {
        public Condition eq(Object value) {
            return compare("=", value, "==");
        }

        public Condition ne(Object value) {
            return compare("<>", value, "!=");
        }

        public Condition gt(Object value) {
            return compare(">", value, ">");
        }

        public Condition gte(Object value) {
            return compare(">=", value, ">=");
        }

        public Condition lt(Object value) {
            return compare("<", value, "<");
        }

        public Condition lte(Object value) {
            return compare("<=", value, "<=");
        }

        /** SQL {@code LIKE} with {@code %} and {@code _} wildcards; the pattern is bound, never inlined. */
        public Condition like(String pattern) {
            return compare("LIKE", Objects.requireNonNull(pattern, "pattern must not be null"), "like");
        }

        public Condition in(Collection<?> values) {
            Objects.requireNonNull(values, "values must not be null");
            if (values.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("in(...) on " + name + " cannot hold null; use isNil()");
            }
            return new In(name, List.copyOf(values));
        }

        public Condition isNil() {
            return new IsNull(name, false);
        }

        public Condition notNil() {
            return new IsNull(name, true);
        }

        private Condition compare(String op, Object value, String elixirOp) {
            if (value == null) {
                throw new IllegalArgumentException("comparing " + name + " " + elixirOp + " nil is never true in SQL;"
                        + " use field(\"" + name + "\").isNil() instead");
            }
            return new Compare(name, op, value);
        }
    }

    /** One {@code order_by} term. */
    public record Order(String field, boolean descending) {}

    /** SQL text with {@code ?} placeholders and the values bound to them, in order. */
    public record Sql(String sql, List<Object> params) {}

    enum Shape { STRUCT, VALUE, MAP }

    private final Schema schema;
    private final List<Condition> wheres;
    private final List<Order> orders;
    private final Integer limit;
    private final Integer offset;
    private final Shape shape;
    private final List<String> selected;

    private Query(Schema schema, List<Condition> wheres, List<Order> orders, Integer limit, Integer offset,
                  Shape shape, List<String> selected) {
        this.schema = schema;
        this.wheres = wheres;
        this.orders = orders;
        this.limit = limit;
        this.offset = offset;
        this.shape = shape;
        this.selected = selected;
    }

    /** All rows of the schema's table, as structs. */
    public static Query<Struct> from(Schema schema) {
        Objects.requireNonNull(schema, "schema must not be null");
        return new Query<>(schema, List.of(), List.of(), null, null, Shape.STRUCT,
                schema.columns().stream().map(Schema.Field::name).toList());
    }

    /** Refers to a field in a condition; the name is checked when the condition joins a query. */
    public static FieldRef field(String name) {
        return new FieldRef(Objects.requireNonNull(name, "name must not be null"));
    }

    public static Condition not(Condition inner) {
        return new Not(inner);
    }

    public static Order asc(String field) {
        return new Order(field, false);
    }

    public static Order desc(String field) {
        return new Order(field, true);
    }

    public Schema schema() {
        return schema;
    }

    /** Adds a condition; several {@code where}s must all hold. Values are cast to the field's type now. */
    public Query<T> where(Condition condition) {
        Objects.requireNonNull(condition, "condition must not be null");
        List<Condition> next = new ArrayList<>(wheres);
        next.add(check(condition));
        return new Query<>(schema, List.copyOf(next), orders, limit, offset, shape, selected);
    }

    /** Orders ascending by these fields (after any earlier order). */
    public Query<T> orderBy(String... fields) {
        Order[] terms = new Order[fields.length];
        for (int i = 0; i < fields.length; i++) {
            terms[i] = asc(fields[i]);
        }
        return orderBy(terms);
    }

    public Query<T> orderBy(Order... terms) {
        List<Order> next = new ArrayList<>(orders);
        for (Order o : terms) {
            schema.column(o.field());
            next.add(o);
        }
        return new Query<>(schema, wheres, List.copyOf(next), limit, offset, shape, selected);
    }

    public Query<T> limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + n);
        }
        return new Query<>(schema, wheres, orders, n, offset, shape, selected);
    }

    public Query<T> offset(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + n);
        }
        return new Query<>(schema, wheres, orders, limit, n, shape, selected);
    }

    /** Each result is the value of one field. */
    public Query<Object> selectField(String field) {
        schema.column(field);
        return new Query<>(schema, wheres, orders, limit, offset, Shape.VALUE, List.of(field));
    }

    /** Each result is a map of these fields. */
    public Query<java.util.Map<String, Object>> select(String... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("select needs at least one field");
        }
        for (String f : fields) {
            schema.column(f);
        }
        return new Query<>(schema, wheres, orders, limit, offset, Shape.MAP, List.of(fields));
    }

    Shape shape() {
        return shape;
    }

    List<String> selected() {
        return selected;
    }

    /** The SQL and bound values this query runs as ({@code Repo.to_sql(:all, query)}). */
    public Sql toSql() {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", selected))
                .append(" FROM ").append(schema.table());
        appendWhere(sql, params);
        if (!orders.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", orders.stream()
                    .map(o -> o.field() + (o.descending() ? " DESC" : " ASC")).toList()));
        }
        if (limit != null) {
            sql.append(" LIMIT ?");
            params.add(limit);
        }
        if (offset != null) {
            sql.append(" OFFSET ?");
            params.add(offset);
        }
        return new Sql(sql.toString(), List.copyOf(params));
    }

    /** {@code SELECT COUNT(*)} over the rows this query's conditions match. */
    Sql countSql() {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(schema.table());
        appendWhere(sql, params);
        return new Sql(sql.toString(), List.copyOf(params));
    }

    private void appendWhere(StringBuilder sql, List<Object> params) {
        if (wheres.isEmpty()) {
            return;
        }
        sql.append(" WHERE ");
        for (int i = 0; i < wheres.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            render(wheres.get(i), sql, params);
        }
    }

    private static void render(Condition c, StringBuilder sql, List<Object> params) {
        switch (c) {
            case Compare(var field, var op, var value) -> {
                sql.append(field).append(' ').append(op).append(" ?");
                params.add(value);
            }
            case IsNull(var field, var negated) -> sql.append(field).append(negated ? " IS NOT NULL" : " IS NULL");
            case In(var field, var values) -> {
                if (values.isEmpty()) {
                    sql.append("1 = 0");
                    return;
                }
                sql.append(field).append(" IN (").append(String.join(", ", values.stream().map(v -> "?").toList()))
                        .append(')');
                params.addAll(values);
            }
            case And(var l, var r) -> {
                sql.append('(');
                render(l, sql, params);
                sql.append(" AND ");
                render(r, sql, params);
                sql.append(')');
            }
            case Or(var l, var r) -> {
                sql.append('(');
                render(l, sql, params);
                sql.append(" OR ");
                render(r, sql, params);
                sql.append(')');
            }
            case Not(var inner) -> {
                sql.append("NOT (");
                render(inner, sql, params);
                sql.append(')');
            }
        }
    }

    private Condition check(Condition c) {
        return switch (c) {
            case Compare(var field, var op, var value) -> new Compare(field, op, castFor(field, value));
            case IsNull(var field, var negated) -> {
                schema.column(field);
                yield c;
            }
            case In(var field, var values) -> new In(field, values.stream().map(v -> castFor(field, v)).toList());
            case And(var l, var r) -> new And(check(l), check(r));
            case Or(var l, var r) -> new Or(check(l), check(r));
            case Not(var inner) -> new Not(check(inner));
        };
    }

    private Object castFor(String field, Object value) {
        Type type = schema.column(field).type();
        return type.cast(value).orElseThrow(() -> new IllegalArgumentException("the value " + value
                + " cannot be compared with " + schema.table() + "." + field + " (" + type.ectoName() + ")"));
    }

    @Override
    public String toString() {
        Sql sql = toSql();
        return "#Ecto.Query<" + sql.sql() + " " + sql.params() + ">";
    }
}
