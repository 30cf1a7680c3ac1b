import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.data.Migration;
import otp.data.Migrator;
import otp.data.Repo;
import otp.data.Schema;
import otp.data.Struct;
import otp.data.Type;

class MigrationHiddenTest {
    static final Schema POST = Schema.define("posts", s -> s
            .field("title", Type.STRING).field("slug", Type.STRING).timestamps());
    static final Schema POST_WITHOUT_SLUG = Schema.define("posts", s -> s.field("title", Type.STRING).timestamps());
    static final Schema WITH_PUBLISHED = Schema.define("posts", s -> s
            .field("title", Type.STRING).field("published", Type.BOOLEAN).timestamps());
    static final Schema COMMENT = Schema.define("comments", s -> s
            .field("post_id", Type.ID).field("author", Type.STRING).field("body", Type.STRING).timestamps());

    Repo repo;

    @BeforeEach
    void emptyDatabase() {
        repo = Repo.inMemory("blog_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterEach
    void closeDatabase() {
        repo.close();
    }

    @Test
    @Tag("task:1")
    @DisplayName("all() lists the migrations by version with their names")
    void allListsMigrationsInOrder() {
        List<Migration> all = BlogMigrations.all();
        assertEquals(List.of(20250401100000L, 20250401100100L, 20250402090000L), all.stream().map(Migration::version).toList());
        assertEquals(List.of("create posts", "create comments", "add slug to posts"), all.stream().map(Migration::name).toList());
    }

    @Test
    @Tag("task:2")
    @DisplayName("a comment must name an existing post and needs an author")
    void commentsReferencePosts() {
        BlogMigrations.migrate(repo);
        assertThrows(RuntimeException.class,
                () -> repo.insert(COMMENT.struct().put("post_id", 999L).put("author", "ada").put("body", "orphan")));
        Struct post = (Struct) ((otp.data.Result.Ok<?, ?>) repo.insert(POST.struct().put("title", "t"))).value();
        assertThrows(RuntimeException.class,
                () -> repo.insert(COMMENT.struct().put("post_id", post.id()).put("body", "anonymous")));
    }

    @Test
    @Tag("task:2")
    @DisplayName("comments are indexed by post")
    void commentsIndexedByPost() {
        String sql = String.join("\n", BlogMigrations.all().get(1).statements());
        assertEquals(true, sql.contains("CREATE INDEX comments_post_id_index ON comments (post_id)"), sql);
    }

    @Test
    @Tag("task:3")
    @DisplayName("two posts cannot share a slug, but many posts may have none")
    void slugIsUnique() {
        BlogMigrations.migrate(repo);
        repo.insert(POST.struct().put("title", "a"));
        repo.insert(POST.struct().put("title", "b"));
        repo.insert(POST.struct().put("title", "c").put("slug", "hello"));
        assertThrows(RuntimeException.class, () -> repo.insert(POST.struct().put("title", "d").put("slug", "hello")));
        assertEquals(3, repo.all(POST).size());
    }

    @Test
    @Tag("task:3")
    @DisplayName("a database that ran the first two migrations gets only the slug one")
    void laterMigrationAppliesAlone() {
        Migrator.migrate(repo, BlogMigrations.all().subList(0, 2));
        assertEquals(List.of(20250402090000L), BlogMigrations.migrate(repo));
        assertEquals(List.of(20250401100000L, 20250401100100L, 20250402090000L), Migrator.appliedVersions(repo));
    }

    @Test
    @Tag("task:1")
    @DisplayName("published cannot be set to null")
    void publishedIsNotNull() {
        BlogMigrations.migrate(repo);
        assertThrows(RuntimeException.class, () -> repo.insert(WITH_PUBLISHED.struct().put("title", "t").put("published", null)));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a comment needs a body")
    void commentsNeedABody() {
        BlogMigrations.migrate(repo);
        Struct post = (Struct) ((otp.data.Result.Ok<?, ?>) repo.insert(POST_WITHOUT_SLUG.struct().put("title", "t"))).value();
        assertThrows(RuntimeException.class,
                () -> repo.insert(COMMENT.struct().put("post_id", post.id()).put("author", "ada")));
    }

    @Test
    @Tag("task:3")
    @DisplayName("the first two migrations alone give posts no slug column")
    void slugComesOnlyWithTheThirdMigration() {
        Migrator.migrate(repo, BlogMigrations.all().subList(0, 2));
        repo.insert(POST_WITHOUT_SLUG.struct().put("title", "before slugs"));
        assertThrows(RuntimeException.class, () -> repo.insert(POST.struct().put("title", "t").put("slug", "too-early")));
    }
}
