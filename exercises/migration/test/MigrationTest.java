import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.data.Repo;
import otp.data.Schema;
import otp.data.Struct;
import otp.data.Type;

class MigrationTest {
    static final Schema POST = Schema.define("posts", s -> s
            .field("title", Type.STRING).field("body", Type.STRING).field("published", Type.BOOLEAN).timestamps());
    /** The same table seen without the published column, so the database's default applies. */
    static final Schema POST_TITLE_ONLY = Schema.define("posts", s -> s.field("title", Type.STRING).timestamps());
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

    static Struct stored(otp.data.Result<Struct, ?> result) {
        if (result instanceof otp.data.Result.Ok<Struct, ?>(Struct row)) {
            return row;
        }
        throw new AssertionError("expected the insert to succeed, got " + result);
    }

    @Test
    @Tag("task:1")
    @DisplayName("after migrating, a post can be stored and is unpublished by default")
    void postsTableExistsWithDefault() {
        BlogMigrations.migrate(repo);
        stored(repo.insert(POST_TITLE_ONLY.struct().put("title", "Hello")));
        List<Object> published = repo.all(otp.data.Query.from(POST).selectField("published"));
        assertEquals(List.of(false), published);
    }

    @Test
    @Tag("task:1")
    @DisplayName("a post without a title is refused by the database")
    void titleIsNotNull() {
        BlogMigrations.migrate(repo);
        assertThrows(RuntimeException.class, () -> repo.insert(POST.struct().put("body", "no title")));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a comment on an existing post is stored")
    void commentOnExistingPost() {
        BlogMigrations.migrate(repo);
        Struct post = stored(repo.insert(POST_TITLE_ONLY.struct().put("title", "Hello")));
        stored(repo.insert(COMMENT.struct().put("post_id", post.id()).put("author", "ada").put("body", "Nice")));
        assertEquals(1, repo.all(COMMENT).size());
    }

    @Test
    @Tag("task:3")
    @DisplayName("migrate applies every version once, in order")
    void migrateAppliesEachVersionOnce() {
        assertEquals(List.of(20250401100000L, 20250401100100L, 20250402090000L), BlogMigrations.migrate(repo));
        assertEquals(List.of(), BlogMigrations.migrate(repo));
    }
}
