import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.data.Changeset;
import otp.data.Repo;
import otp.data.Result;
import otp.data.Struct;

class UserManagementTest {
    Repo repo;
    Accounts accounts;

    @BeforeEach
    void freshDatabase() {
        repo = Repo.inMemory("users_" + UUID.randomUUID().toString().replace("-", ""));
        UserMigrations.migrate(repo);
        accounts = new Accounts(repo);
    }

    @AfterEach
    void closeDatabase() {
        repo.close();
    }

    static Struct created(Result<Struct, Changeset> result) {
        if (result instanceof Result.Ok<Struct, Changeset>(Struct user)) {
            return user;
        }
        throw new AssertionError("expected Ok, got " + result);
    }

    @Test
    @Tag("task:1")
    @DisplayName("a valid changeset casts the age to an integer and drops fields that are not permitted")
    void validChangesetCastsAndFilters() {
        Changeset changeset = User.changeset(User.schema().struct(),
                Map.of("name", "Ada", "email", "ada@example.com", "age", "36", "admin", "true"));
        assertTrue(changeset.isValid(), () -> "errors: " + changeset.errorMap());
        assertEquals(Map.of("name", "Ada", "email", "ada@example.com", "age", 36), changeset.changes());
    }

    @Test
    @Tag("task:1")
    @DisplayName("name and email are required, the email needs an @, and the age must be positive")
    void invalidChangesetHasErrorsPerField() {
        Changeset changeset = User.changeset(User.schema().struct(), Map.of("email", "nope", "age", "0"));
        assertFalse(changeset.isValid());
        assertEquals(Map.of(
                "name", List.of("can't be blank"),
                "email", List.of("has invalid format"),
                "age", List.of("must be greater than 0")), changeset.errorMap());
    }

    @Test
    @Tag("task:2")
    @DisplayName("createUser stores the user with an id, active by default")
    void createUserStores() {
        Struct ada = created(accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com")));
        assertEquals(true, ada.get("active"));
        assertEquals(ada, accounts.getUser((Long) ada.id()).orElseThrow());
    }

    @Test
    @Tag("task:2")
    @DisplayName("updateUser and deleteUser change what getUser finds")
    void updateAndDelete() {
        Struct ada = created(accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com")));
        Struct older = created(accounts.updateUser(ada, Map.of("age", "37")));
        assertEquals(37, older.get("age"));
        assertInstanceOf(Result.Ok.class, accounts.deleteUser(older));
        assertTrue(accounts.getUser((Long) ada.id()).isEmpty());
    }

    @Test
    @Tag("task:3")
    @DisplayName("activeUsers lists only active users, ordered by name")
    void activeUsersOrderedByName() {
        accounts.createUser(Map.of("name", "Grace", "email", "grace@example.com"));
        accounts.createUser(Map.of("name", "Linus", "email", "linus@example.com", "active", "false"));
        accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"));
        assertEquals(List.of("Ada", "Grace"), accounts.activeUsers().stream().map(u -> u.get("name")).toList());
    }

    @Test
    @Tag("task:4")
    @DisplayName("a second user with the same email is refused with 'has already been taken'")
    void duplicateEmailIsRefused() {
        accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"));
        Result<Struct, Changeset> second = accounts.createUser(Map.of("name", "Imposter", "email", "ada@example.com"));
        Result.Error<?, ?> error = assertInstanceOf(Result.Error.class, second);
        assertEquals(List.of("has already been taken"), ((Changeset) error.reason()).errorsOn("email"));
        assertEquals(1, accounts.listUsers().size());
    }
}
