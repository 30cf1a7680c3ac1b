package otp.data;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Field types: how a value is cast from params, stored in SQL and read back, like Ecto's primitive types.
 *
 * <table>
 *   <caption>Ecto types and their Java form</caption>
 *   <tr><th>Ecto</th><th>Java</th><th>value class</th><th>SQL (H2 and PostgreSQL)</th></tr>
 *   <tr><td>{@code :id}</td><td>{@link #ID}</td><td>Long</td><td>BIGINT</td></tr>
 *   <tr><td>{@code :integer}</td><td>{@link #INTEGER}</td><td>Integer</td><td>INTEGER</td></tr>
 *   <tr><td>{@code :float}</td><td>{@link #FLOAT}</td><td>Double</td><td>DOUBLE PRECISION</td></tr>
 *   <tr><td>{@code :boolean}</td><td>{@link #BOOLEAN}</td><td>Boolean</td><td>BOOLEAN</td></tr>
 *   <tr><td>{@code :string}</td><td>{@link #STRING}</td><td>String</td><td>VARCHAR(255)</td></tr>
 *   <tr><td>{@code :text} (migrations)</td><td>{@link #TEXT}</td><td>String</td><td>VARCHAR</td></tr>
 *   <tr><td>{@code :date}</td><td>{@link #DATE}</td><td>LocalDate</td><td>DATE</td></tr>
 *   <tr><td>{@code :utc_datetime}</td><td>{@link #UTC_DATETIME}</td><td>Instant (whole seconds)</td>
 *       <td>TIMESTAMP WITH TIME ZONE</td></tr>
 * </table>
 *
 * <p>Casting follows Ecto: strings from forms are parsed ({@code "42"} to 42, {@code "true"} to
 * true), a blank string casts to {@code null}, and anything else that does not fit is invalid.
 */
public enum Type {
    ID("BIGINT", Long.class),
    INTEGER("INTEGER", Integer.class),
    FLOAT("DOUBLE PRECISION", Double.class),
    BOOLEAN("BOOLEAN", Boolean.class),
    STRING("VARCHAR(255)", String.class),
    TEXT("VARCHAR", String.class),
    DATE("DATE", LocalDate.class),
    UTC_DATETIME("TIMESTAMP WITH TIME ZONE", Instant.class);

    private final String sql;
    private final Class<?> javaClass;

    Type(String sql, Class<?> javaClass) {
        this.sql = sql;
        this.javaClass = javaClass;
    }

    /** The column type used in migrations. */
    public String sql() {
        return sql;
    }

    public Class<?> javaClass() {
        return javaClass;
    }

    /** Ecto's name for the type, used in messages ({@code :integer}). */
    public String ectoName() {
        return ":" + name().toLowerCase(Locale.ROOT);
    }

    /**
     * Casts an external value to this type: {@code Optional.empty()} means invalid; a present
     * {@code null} is not representable in {@code Optional}, so blank and null input are handled by
     * {@link #isBlank} before calling this.
     */
    public Optional<Object> cast(Object value) {
        try {
            return Optional.ofNullable(castOrNull(value));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Whether a param counts as missing: {@code null} or a string of only whitespace. */
    public static boolean isBlank(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }

    private Object castOrNull(Object value) {
        return switch (this) {
            case ID -> switch (value) {
                case Long l -> l;
                case Integer i -> (long) i;
                case Short s -> (long) s;
                case String s -> Long.parseLong(s.trim());
                case BigDecimal d -> d.longValueExact();
                default -> null;
            };
            case INTEGER -> switch (value) {
                case Integer i -> i;
                case Short s -> (int) s;
                case Long l -> Math.toIntExact(l);
                case String s -> Integer.parseInt(s.trim());
                case BigDecimal d -> d.intValueExact();
                default -> null;
            };
            case FLOAT -> switch (value) {
                case Number n -> n.doubleValue();
                case String s -> Double.parseDouble(s.trim());
                default -> null;
            };
            case BOOLEAN -> switch (value) {
                case Boolean b -> b;
                case String s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> Boolean.TRUE;
                    case "false", "0" -> Boolean.FALSE;
                    default -> null;
                };
                default -> null;
            };
            case STRING, TEXT -> value instanceof String s ? s : null;
            case DATE -> switch (value) {
                case LocalDate d -> d;
                case String s -> LocalDate.parse(s.trim());
                default -> null;
            };
            case UTC_DATETIME -> switch (value) {
                case Instant i -> i.truncatedTo(ChronoUnit.SECONDS);
                case OffsetDateTime o -> o.toInstant().truncatedTo(ChronoUnit.SECONDS);
                case String s -> OffsetDateTime.parse(s.trim()).toInstant().truncatedTo(ChronoUnit.SECONDS);
                default -> null;
            };
        };
    }

    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, switch (this) {
                case ID -> Types.BIGINT;
                case INTEGER -> Types.INTEGER;
                case FLOAT -> Types.DOUBLE;
                case BOOLEAN -> Types.BOOLEAN;
                case STRING, TEXT -> Types.VARCHAR;
                case DATE -> Types.DATE;
                case UTC_DATETIME -> Types.TIMESTAMP_WITH_TIMEZONE;
            });
            return;
        }
        if (this == UTC_DATETIME) {
            ps.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
        } else {
            ps.setObject(index, value);
        }
    }

    Object read(ResultSet rs, int index) throws SQLException {
        Object value = switch (this) {
            case ID -> rs.getLong(index);
            case INTEGER -> rs.getInt(index);
            case FLOAT -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case STRING, TEXT -> rs.getString(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case UTC_DATETIME -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
        };
        return rs.wasNull() ? null : value;
    }
}
