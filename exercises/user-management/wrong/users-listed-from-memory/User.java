import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import otp.data.Changeset;
import otp.data.Schema;
import otp.data.Struct;
import otp.data.Type;

/** The user schema and its changeset. */
public final class User {
    static final List<String> PERMITTED = List.of("name", "email", "age", "active");
    static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+$");

    private static final Schema SCHEMA = Schema.define("users", s -> s
            .field("name", Type.STRING)
            .field("email", Type.STRING)
            .field("age", Type.INTEGER)
            .field("active", Type.BOOLEAN, true)
            .timestamps());

    private User() {
    }

    public static Schema schema() {
        return SCHEMA;
    }

    public static Changeset changeset(Struct user, Map<String, ?> attrs) {
        return Changeset.cast(user, attrs, PERMITTED)
                .validateRequired("name", "email")
                .validateFormat("email", EMAIL)
                .validateNumber("age", Changeset.greaterThan(0))
                .uniqueConstraint("email");
    }
}
