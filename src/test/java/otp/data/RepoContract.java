package otp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.data.Accounts.USER;
import static otp.data.Query.desc;
import static otp.data.Query.field;
import static otp.data.Query.not;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Repo} does against a real database: run by {@link RepoH2Test} and
 * {@link RepoPostgresTest}, so the same SQL is proven on both.
 */
abstract class RepoContract {
    protected Repo repo;

    /** A repo on an empty database. */
    abstract Repo freshRepo();

    @BeforeEach
    void migrate() {
        repo = freshRepo();
        Migrator.migrate(repo, Accounts.MIGRATIONS);
    }

    @AfterEach
    void closeRepo() {
        if (repo != null) {
            repo.close();
        }
    }

    // ---- insert

    @Test
    void insertReturnsOkWithTheGeneratedIdTimestampsAndDefaults() {
        Result<Struct, Changeset> result = repo.insert(Accounts.changeset(USER.struct(),
                Map.of("name", "Ada", "email", "ada@example.com", "age", "36")));
        Struct ada = assertInstanceOf(Result.Ok.class, result).value() instanceof Struct s ? s : null;
        assertNotNull(ada);
        assertNotNull(ada.id());
        assertEquals(36, ada.get("age"));
        assertEquals(true, ada.get("is_active"));
        assertInstanceOf(Instant.class, ada.get("inserted_at"));
        assertEquals(Struct.State.LOADED, ada.state());
        assertEquals(ada, repo.getBang(USER, ada.id()));
    }

    @Test
    void insertOfAnInvalidChangesetReturnsErrorWithTheActionAndWritesNothing() {
        Result<Struct, Changeset> result = repo.insert(Accounts.changeset(USER.struct(), Map.of("name", "A")));
        switch (result) {
            case Result.Ok<Struct, Changeset>(var user) -> throw new AssertionError("inserted " + user);
            case Result.Error<Struct, Changeset>(var changeset) -> {
                assertEquals("insert", changeset.action());
                assertEquals(List.of(Changeset.BLANK), changeset.errorsOn("email"));
            }
        }
        assertEquals(0, repo.count(Query.from(USER)));
    }

    @Test
    void aUniqueViolationBecomesAnErrorOnTheDeclaredField() {
        Accounts.create(repo, "Ada", "ada@example.com", 36);
        Result<Struct, Changeset> second = repo.insert(Accounts.changeset(USER.struct(),
                Map.of("name", "Bea", "email", "ada@example.com")));
        Changeset invalid = assertInstanceOf(Result.Error.class, second).reason() instanceof Changeset c ? c : null;
        assertNotNull(invalid);
        assertEquals(Map.of("email", List.of(Changeset.TAKEN)), invalid.errorMap());
        assertFalse(invalid.isValid());
    }

    @Test
    void aUniqueViolationNotDeclaredThrowsAConstraintException() {
        Accounts.create(repo, "Ada", "ada@example.com", 36);
        Changeset undeclared = Changeset.cast(USER.struct(), Map.of("name", "Bea", "email", "ada@example.com"),
                List.of("name", "email"));
        Repo.ConstraintException e = assertThrows(Repo.ConstraintException.class, () -> repo.insert(undeclared));
        assertTrue(e.getMessage().contains("uniqueConstraint"), e.getMessage());
    }

    // ---- reading

    @Test
    void getFindsARowByIdCastingTheIdAndGetBangFailsWhenMissing() {
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        assertEquals(Optional.of(ada), repo.get(USER, String.valueOf(ada.id())));
        assertEquals(Optional.empty(), repo.get(USER, 999_999));
        assertThrows(Repo.NoResultsException.class, () -> repo.getBang(USER, 999_999));
    }

    @Test
    void getByMatchesEveryClause() {
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        Accounts.create(repo, "Bea", "bea@example.com", 36);
        assertEquals(Optional.of(ada), repo.getBy(USER, Map.of("age", 36, "name", "Ada")));
    }

    @Test
    void allReturnsEveryRow() {
        Accounts.create(repo, "Ada", "ada@example.com", 36);
        Accounts.create(repo, "Bea", "bea@example.com", 20);
        assertEquals(2, repo.all(USER).size());
    }

    @Test
    void oneFailsWhenMoreThanOneRowMatches() {
        Accounts.create(repo, "Ada", "ada@example.com", 36);
        Accounts.create(repo, "Bea", "bea@example.com", 36);
        assertThrows(Repo.MultipleResultsException.class, () -> repo.one(Query.from(USER).where(field("age").eq(36))));
        assertEquals("Ada", repo.one(Query.from(USER).where(field("name").eq("Ada"))).orElseThrow().get("name"));
    }

    // ---- update and delete

    @Test
    void updateWritesTheChangesAndKeepsTheRest() {
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        Struct updated = repo.update(Accounts.changeset(ada, Map.of("age", 37))).orElseThrow();
        assertEquals(37, updated.get("age"));
        Struct reloaded = repo.getBang(USER, ada.id());
        assertEquals(37, reloaded.get("age"));
        assertEquals("ada@example.com", reloaded.get("email"));
        assertFalse(((Instant) reloaded.get("updated_at")).isBefore((Instant) reloaded.get("inserted_at")));
    }

    @Test
    void updateWithoutChangesReturnsTheStructAsItIs() {
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        assertEquals(ada, repo.update(Accounts.changeset(ada, Map.of("age", "36"))).orElseThrow());
    }

    @Test
    void updateOfAnInvalidChangesetReturnsError() {
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        Result<Struct, Changeset> result = repo.update(Accounts.changeset(ada, Map.of("age", -1)));
        assertFalse(result.isOk());
        assertEquals(36, repo.getBang(USER, ada.id()).get("age"));
    }

    @Test
    void deleteRemovesTheRowAndUpdatingItAfterwardsIsStale() {
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        Struct deleted = repo.delete(ada).orElseThrow();
        assertEquals(Struct.State.DELETED, deleted.state());
        assertEquals(Optional.empty(), repo.get(USER, ada.id()));
        assertThrows(Repo.StaleEntryException.class, () -> repo.update(Accounts.changeset(ada, Map.of("age", 40))));
        assertThrows(Repo.StaleEntryException.class, () -> repo.delete(ada));
    }

    @Test
    void updateAndDeleteRefuseAStructNeverLoaded() {
        assertThrows(IllegalArgumentException.class, () -> repo.delete(USER.struct()));
    }

    // ---- transactions

    @Test
    void aTransactionCommitsWhenItsWorkReturns() {
        Result<Object, Object> result = repo.transaction(() -> {
            Accounts.create(repo, "Ada", "ada@example.com", 36);
            Accounts.create(repo, "Bea", "bea@example.com", 20);
            return "done";
        });
        assertEquals(Result.ok("done"), result);
        assertEquals(2, repo.count(Query.from(USER)));
    }

    @Test
    void rollbackUndoesEverythingAndReturnsErrorWithTheValue() {
        Result<Object, Object> result = repo.transaction(() -> {
            Accounts.create(repo, "Ada", "ada@example.com", 36);
            repo.rollback("changed my mind");
            return "unreachable";
        });
        assertEquals(Result.error("changed my mind"), result);
        assertEquals(0, repo.count(Query.from(USER)));
    }

    @Test
    void anExceptionRollsBackAndPropagates() {
        assertThrows(IllegalStateException.class, () -> repo.transaction(() -> {
            Accounts.create(repo, "Ada", "ada@example.com", 36);
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, repo.count(Query.from(USER)));
        assertFalse(repo.inTransaction());
    }

    @Test
    void aNestedTransactionJoinsTheOuterOne() {
        repo.transaction(() -> {
            repo.transaction(() -> Accounts.create(repo, "Ada", "ada@example.com", 36));
            repo.rollback("outer");
            return null;
        });
        assertEquals(0, repo.count(Query.from(USER)));
    }

    @Test
    void manyProcessesCanWriteAtOnceThroughThePool() throws Exception {
        int writers = Repo.DEFAULT_POOL_SIZE * 3;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Struct>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                futures.add(executor.submit(() -> Accounts.create(repo, "User" + n, "u" + n + "@example.com", n + 1)));
            }
            for (Future<Struct> f : futures) {
                assertNotNull(f.get().id());
            }
        }
        assertEquals(writers, repo.count(Query.from(USER)));
    }

    // ---- queries

    @Test
    void aComposedQueryFiltersOrdersAndPages() {
        for (int i = 1; i <= 6; i++) {
            Accounts.create(repo, "User" + i, "u" + i + "@example.com", i * 10);
        }
        Query<Struct> adults = Query.from(USER).where(field("age").gte(20)).where(field("is_active").eq(true));
        List<Object> names = repo.all(adults.orderBy(desc("age")).limit(2).offset(1).selectField("name"));
        assertEquals(List.of("User5", "User4"), names);
        assertEquals(5, repo.count(adults));
    }

    @Test
    void conditionsCombineWithOrNotInLikeAndIsNil() {
        Accounts.create(repo, "Ada", "ada@example.com", 36);
        Accounts.create(repo, "Bea", "bea@example.com", null);
        Accounts.create(repo, "Cy", "cy@example.com", 20);
        assertEquals(List.of("Ada", "Bea"), repo.all(Query.from(USER)
                .where(field("age").gt(30).or(field("age").isNil())).orderBy("name").selectField("name")));
        assertEquals(List.of("Bea", "Cy"), repo.all(Query.from(USER)
                .where(field("name").in(List.of("Bea", "Cy", "Zed"))).orderBy("name").selectField("name")));
        assertEquals(List.of("Ada"), repo.all(Query.from(USER).where(field("email").like("a%")).selectField("name")));
        assertEquals(List.of("Cy"), repo.all(Query.from(USER)
                .where(not(field("name").like("%a"))).where(field("age").notNil()).selectField("name")));
        assertEquals(List.of(), repo.all(Query.from(USER).where(field("name").in(List.of()))));
    }

    @Test
    void selectReturnsMapsOfTheChosenFields() {
        Accounts.create(repo, "Ada", "ada@example.com", 36);
        assertEquals(List.of(Map.of("name", "Ada", "age", 36)), repo.all(Query.from(USER).select("name", "age")));
    }

    @Test
    void aValueThatLooksLikeSqlIsOnlyEverAValue() {
        Accounts.create(repo, "Ada", "ada@example.com", 36);
        String attack = "x' OR '1'='1'; DROP TABLE users; --";
        assertEquals(List.of(), repo.all(Query.from(USER).where(field("name").eq(attack))));
        Struct stored = Accounts.create(repo, attack, "evil@example.com", 1);
        assertEquals(attack, repo.getBang(USER, stored.id()).get("name"));
        assertEquals(2, repo.count(Query.from(USER)));
    }

    @Test
    void aTimestampComparesAsAValue() {
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        Instant inserted = (Instant) ada.get("inserted_at");
        assertEquals(1, repo.count(Query.from(USER).where(field("inserted_at").lte(inserted))));
        assertEquals(0, repo.count(Query.from(USER).where(field("inserted_at").gt(inserted))));
    }

    // ---- migrations

    @Test
    void migrationsAreAppliedOnceAndRecorded() {
        assertEquals(List.of(20240101000001L, 20240101000002L), Migrator.appliedVersions(repo));
        assertEquals(List.of(), Migrator.migrate(repo, Accounts.MIGRATIONS));
    }

    @Test
    void aLaterMigrationAltersTheTable() {
        Migration addBio = Migration.of(20240201000000L, "add bio, drop age", m -> m
                .alterTable("users", t -> t.add("bio", Type.TEXT).remove("age"))
                .createIndex("users", "name"));
        assertEquals(List.of(20240201000000L), Migrator.migrate(repo, List.of(addBio)));
        Schema withBio = Schema.define("users", s -> s.field("name", Type.STRING).field("email", Type.STRING)
                .field("bio", Type.TEXT).field("is_active", Type.BOOLEAN, true).timestamps());
        Struct ada = repo.insert(Changeset.cast(withBio.struct(),
                Map.of("name", "Ada", "email", "a@x", "bio", "long ".repeat(100)), List.of("name", "email", "bio")))
                .orElseThrow();
        assertEquals("long ".repeat(100), repo.getBang(withBio, ada.id()).get("bio"));
        assertThrows(Repo.DatabaseException.class, () -> repo.all(USER));
    }

    @Test
    void aFailingMigrationRecordsNothing() {
        Migration broken = Migration.of(20240301000000L, "broken", m -> m
                .alterTable("users", t -> t.remove("no_such_column")));
        assertThrows(Repo.DatabaseException.class, () -> Migrator.migrate(repo, List.of(broken)));
        assertFalse(Migrator.appliedVersions(repo).contains(20240301000000L));
    }

    @Test
    void aReferenceRefusesARowPointingNowhere() {
        Schema post = Schema.define("posts", s -> s.field("title", Type.STRING).field("user_id", Type.ID));
        assertThrows(Repo.DatabaseException.class, () -> repo.insert(post.struct(Map.of("title", "t", "user_id", 424242L))));
        Struct ada = Accounts.create(repo, "Ada", "ada@example.com", 36);
        assertTrue(repo.insert(post.struct(Map.of("title", "t", "user_id", ada.id()))).isOk());
    }
}
