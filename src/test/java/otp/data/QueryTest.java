package otp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.data.Accounts.USER;
import static otp.data.Query.desc;
import static otp.data.Query.field;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a {@link Query} becomes SQL; {@link RepoContract} runs queries against real databases. */
class QueryTest {
    @Test
    void aQueryFromASchemaSelectsEveryColumn() {
        assertEquals("SELECT id, name, email, age, is_active, inserted_at, updated_at FROM users",
                Query.from(USER).toSql().sql());
    }

    @Test
    void whereOrderLimitAndOffsetComposeWithBoundParameters() {
        Query.Sql sql = Query.from(USER).where(field("is_active").eq(true)).where(field("age").gt("18"))
                .orderBy(desc("age")).orderBy("name").limit(10).offset(20).selectField("name").toSql();
        assertEquals("SELECT name FROM users WHERE is_active = ? AND age > ? ORDER BY age DESC, name ASC LIMIT ? OFFSET ?",
                sql.sql());
        assertEquals(List.of(true, 18, 10, 20), sql.params());
    }

    @Test
    void queriesAreImmutableSoABaseQueryCanBeReused() {
        Query<Struct> base = Query.from(USER).where(field("is_active").eq(true));
        base.where(field("age").gt(1)).limit(1);
        assertEquals(List.of(true), base.toSql().params());
    }

    @Test
    void aValueNeverBecomesSqlText() {
        String attack = "'; DROP TABLE users; --";
        Query.Sql sql = Query.from(USER).where(field("name").eq(attack)).toSql();
        assertTrue(!sql.sql().contains("DROP"), sql.sql());
        assertEquals(List.of(attack), sql.params());
    }

    @Test
    void aFieldNameIsCheckedAgainstTheSchema() {
        assertThrows(IllegalArgumentException.class, () -> Query.from(USER).where(field("name; DROP TABLE x").eq(1)));
        assertThrows(IllegalArgumentException.class, () -> Query.from(USER).orderBy("nmae"));
        assertThrows(IllegalArgumentException.class, () -> Query.from(USER).selectField("password"));
    }

    @Test
    void comparingWithNilIsRefusedInFavourOfIsNil() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> field("age").eq(null));
        assertTrue(e.getMessage().contains("isNil"), e.getMessage());
        assertEquals("SELECT id FROM users WHERE age IS NULL",
                Query.from(USER).where(field("age").isNil()).selectField("id").toSql().sql());
    }

    @Test
    void aValueIsCastToTheFieldTypeOrRefused() {
        assertEquals(List.of(7L), Query.from(USER).where(field("id").eq("7")).toSql().params());
        assertThrows(IllegalArgumentException.class, () -> Query.from(USER).where(field("age").eq("old")));
    }

    @Test
    void orAndNotAndInNestInParentheses() {
        Query.Sql sql = Query.from(USER).where(Query.not(field("age").lt(3).or(field("name").in(List.of("a", "b")))))
                .selectField("id").toSql();
        assertEquals("SELECT id FROM users WHERE NOT ((age < ? OR name IN (?, ?)))", sql.sql());
        assertEquals(List.of(3, "a", "b"), sql.params());
    }

    @Test
    void negativeLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Query.from(USER).limit(-1));
    }
}
