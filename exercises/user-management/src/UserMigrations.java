import java.util.List;
import otp.data.Migration;
import otp.data.Migrator;
import otp.data.Repo;
import otp.data.Type;

/** The users table, given complete: priv/repo/migrations/20250301120000_create_users.exs. */
public final class UserMigrations {
    public static final List<Migration> ALL = List.of(
            Migration.of(20250301120000L, "create users", m -> m
                    .createTable("users", t -> t
                            .add("name", Type.STRING, Migration.NOT_NULL)
                            .add("email", Type.STRING, Migration.NOT_NULL)
                            .add("age", Type.INTEGER)
                            .add("active", Type.BOOLEAN, Migration.defaultValue(true), Migration.NOT_NULL)
                            .timestamps())
                    .createUniqueIndex("users", "email")));

    private UserMigrations() {
    }

    public static void migrate(Repo repo) {
        Migrator.migrate(repo, ALL);
    }
}
