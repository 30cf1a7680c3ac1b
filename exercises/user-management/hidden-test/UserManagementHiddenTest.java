import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

class UserManagementHiddenTest {
    String databaseName;
    Repo repo;
    Accounts accounts;

    @BeforeEach
    void freshDatabase() {
        databaseName = "users_" + UUID.randomUUID().toString().replace("-", "");
        repo = Repo.inMemory(databaseName);
        UserMigrations.migrate(repo);
        accounts = new Accounts(repo);
    }

    @AfterEach
    void closeDatabase() {
        repo.close();
    }

    @Test
    @Tag("task:1")
    @DisplayName("an age that is not a number is invalid, and a blank name counts as missing")
    void badAgeAndBlankName() {
        Changeset changeset = User.changeset(User.schema().struct(),
                Map.of("name", "   ", "email", "x@example.com", "age", "old"));
        assertEquals(Map.of("name", List.of("can't be blank"), "age", List.of("is invalid")), changeset.errorMap());
    }

    @Test
    @Tag("task:1")
    @DisplayName("the age is optional")
    void ageIsOptional() {
        assertTrue(User.changeset(User.schema().struct(), Map.of("name", "Bo", "email", "bo@example.com")).isValid());
    }

    @Test
    @Tag("task:2")
    @DisplayName("an invalid user is not stored and the error comes back as a changeset")
    void invalidUserIsNotStored() {
        Result<Struct, Changeset> result = accounts.createUser(Map.of("name", "No Email"));
        Result.Error<?, ?> error = assertInstanceOf(Result.Error.class, result);
        assertEquals(List.of("can't be blank"), ((Changeset) error.reason()).errorsOn("email"));
        assertTrue(accounts.listUsers().isEmpty());
    }

    @Test
    @Tag("task:2")
    @DisplayName("an invalid update leaves the stored user unchanged")
    void invalidUpdateChangesNothing() {
        Struct ada = (Struct) ((Result.Ok<?, ?>) accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"))).value();
        assertInstanceOf(Result.Error.class, accounts.updateUser(ada, Map.of("email", "broken")));
        assertEquals("ada@example.com", accounts.getUser((Long) ada.id()).orElseThrow().get("email"));
    }

    @Test
    @Tag("task:2")
    @DisplayName("listUsers lists every user and getUserByEmail finds one")
    void listAndFindByEmail() {
        accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"));
        accounts.createUser(Map.of("name", "Bea", "email", "bea@example.com", "active", "false"));
        assertEquals(2, accounts.listUsers().size());
        assertEquals("Bea", accounts.getUserByEmail("bea@example.com").orElseThrow().get("name"));
        assertTrue(accounts.getUserByEmail("nobody@example.com").isEmpty());
    }

    @Test
    @Tag("task:3")
    @DisplayName("deactivating a user removes it from activeUsers")
    void deactivatedUserIsNotActive() {
        Struct ada = (Struct) ((Result.Ok<?, ?>) accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"))).value();
        accounts.createUser(Map.of("name", "Bea", "email", "bea@example.com"));
        accounts.updateUser(ada, Map.of("active", "false"));
        assertEquals(List.of("Bea"), accounts.activeUsers().stream().map(u -> u.get("name")).toList());
    }

    @Test
    @Tag("task:4")
    @DisplayName("changing an email to one already taken is refused too")
    void updateToTakenEmailIsRefused() {
        accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"));
        Struct bea = (Struct) ((Result.Ok<?, ?>) accounts.createUser(Map.of("name", "Bea", "email", "bea@example.com"))).value();
        Result.Error<?, ?> error = assertInstanceOf(Result.Error.class, accounts.updateUser(bea, Map.of("email", "ada@example.com")));
        assertEquals(List.of("has already been taken"), ((Changeset) error.reason()).errorsOn("email"));
    }

    @Test
    @Tag("task:4")
    @DisplayName("users are persisted: another repo on the same database sees them")
    void usersArePersisted() {
        accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"));
        try (Repo other = Repo.inMemory(databaseName)) {
            assertEquals(List.of("Ada"), new Accounts(other).listUsers().stream().map(u -> u.get("name")).toList());
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("an email needs text on both sides of the @ and no spaces")
    void emailFormatEdges() {
        for (String bad : List.of("ada lovelace@example.com", "ada@exa mple.com", "@example.com", "ada@", "@")) {
            Changeset changeset = User.changeset(User.schema().struct(), Map.of("name", "Ada", "email", bad));
            assertEquals(List.of("has invalid format"), changeset.errorsOn("email"), "email " + bad);
        }
        for (String good : List.of("a@b", "ada.lovelace+maths@example.co.uk")) {
            assertTrue(User.changeset(User.schema().struct(), Map.of("name", "Ada", "email", good)).isValid(), "email " + good);
        }
    }

    @Test
    @Tag("task:1")
    @DisplayName("an age of 1 is fine")
    void smallestAgeIsValid() {
        assertTrue(User.changeset(User.schema().struct(), Map.of("name", "Bo", "email", "bo@example.com", "age", "1")).isValid());
    }

    @Test
    @Tag("task:3")
    @DisplayName("activeUsers is one query that filters and orders in the database")
    void activeUsersIsOneDatabaseQuery() throws SQLException {
        accounts.createUser(Map.of("name", "Grace", "email", "grace@example.com"));
        accounts.createUser(Map.of("name", "Linus", "email", "linus@example.com", "active", "false"));
        accounts.createUser(Map.of("name", "Ada", "email", "ada@example.com"));
        // H2 counts every statement the database runs once statistics are on: what activeUsers asks shows there.
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:" + databaseName, "sa", "");
                Statement statement = db.createStatement()) {
            statement.execute("SET QUERY_STATISTICS TRUE");
            assertEquals(List.of("Ada", "Grace"), accounts.activeUsers().stream().map(u -> u.get("name")).toList());
            List<String> queries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                while (rows.next()) {
                    String sql = rows.getString(1);
                    if (sql.toLowerCase(Locale.ROOT).contains("users") && !sql.contains("QUERY_STATISTICS")) {
                        for (int i = 0; i < rows.getInt(2); i++) {
                            queries.add(sql);
                        }
                    }
                }
            }
            statement.execute("SET QUERY_STATISTICS FALSE");
            assertEquals(1, queries.size(), "activeUsers should ask the database once; it asked: " + queries);
            String sql = queries.getFirst().toUpperCase(Locale.ROOT);
            assertTrue(sql.contains("WHERE") && sql.substring(sql.indexOf("WHERE")).contains("ACTIVE"),
                    "the query should keep only active users: " + sql);
            assertTrue(sql.contains("ORDER BY") && sql.substring(sql.indexOf("ORDER BY")).contains("NAME"),
                    "the query should order by name: " + sql);
        }
    }
}
