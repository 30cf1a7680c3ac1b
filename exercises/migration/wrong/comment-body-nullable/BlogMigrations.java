import java.util.List;
import otp.data.Migration;
import otp.data.Migrator;
import otp.data.Repo;
import otp.data.Type;

/** The blog's migrations, oldest first. */
public final class BlogMigrations {
    static final Migration CREATE_POSTS = Migration.of(20250401100000L, "create posts", m -> m
            .createTable("posts", t -> t
                    .add("title", Type.STRING, Migration.NOT_NULL)
                    .add("body", Type.TEXT)
                    .add("published", Type.BOOLEAN, Migration.defaultValue(false), Migration.NOT_NULL)
                    .timestamps()));

    static final Migration CREATE_COMMENTS = Migration.of(20250401100100L, "create comments", m -> m
            .createTable("comments", t -> t
                    .references("post_id", "posts")
                    .add("author", Type.STRING, Migration.NOT_NULL)
                    .add("body", Type.TEXT)
                    .timestamps())
            .createIndex("comments", "post_id"));

    static final Migration ADD_SLUG = Migration.of(20250402090000L, "add slug to posts", m -> m
            .alterTable("posts", t -> t.add("slug", Type.STRING))
            .createUniqueIndex("posts", "slug"));

    private BlogMigrations() {
    }

    public static List<Migration> all() {
        return List.of(CREATE_POSTS, CREATE_COMMENTS, ADD_SLUG);
    }

    public static List<Long> migrate(Repo repo) {
        return Migrator.migrate(repo, all());
    }
}
