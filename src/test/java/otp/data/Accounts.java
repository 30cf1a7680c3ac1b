package otp.data;

import static otp.data.Changeset.greaterThan;
import static otp.data.Changeset.max;
import static otp.data.Changeset.min;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The users of the data tests: a schema, its changeset and the migrations that create its table. */
final class Accounts {
    static final Schema USER = Schema.define("users", s -> s
            .field("name", Type.STRING)
            .field("email", Type.STRING)
            .field("age", Type.INTEGER)
            .field("is_active", Type.BOOLEAN, true)
            .timestamps());

    static final List<Migration> MIGRATIONS = List.of(
            Migration.of(20240101000001L, "create users", m -> m
                    .createTable("users", t -> t
                            .add("name", Type.STRING, Migration.NOT_NULL)
                            .add("email", Type.STRING)
                            .add("age", Type.INTEGER)
                            .add("is_active", Type.BOOLEAN, Migration.defaultValue(true))
                            .timestamps())
                    .createUniqueIndex("users", "email")),
            Migration.of(20240101000002L, "create posts", m -> m
                    .createTable("posts", t -> t
                            .add("title", Type.STRING)
                            .references("user_id", "users"))));

    private Accounts() {}

    static Changeset changeset(Struct user, Map<String, ?> attrs) {
        return Changeset.cast(user, attrs, List.of("name", "email", "age", "is_active"))
                .validateRequired("name", "email")
                .validateFormat("email", Pattern.compile("@"))
                .validateNumber("age", greaterThan(0))
                .validateLength("name", min(2), max(50))
                .uniqueConstraint("email");
    }

    static Struct create(Repo repo, String name, String email, Integer age) {
        Map<String, Object> attrs = new java.util.HashMap<>();
        attrs.put("name", name);
        attrs.put("email", email);
        attrs.put("age", age);
        return repo.insert(changeset(USER.struct(), attrs)).orElseThrow();
    }
}
