package otp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.data.Accounts.USER;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTest {
    @Test
    void columnsArePrimaryKeyFieldsThenTimestamps() {
        assertEquals(List.of("id", "name", "email", "age", "is_active", "inserted_at", "updated_at"),
                USER.columns().stream().map(Schema.Field::name).toList());
    }

    @Test
    void aNewStructStartsAtTheDefaults() {
        Struct user = USER.struct();
        assertNull(user.id());
        assertEquals(true, user.get("is_active"));
        assertEquals(Struct.State.BUILT, user.state());
    }

    @Test
    void aCustomPrimaryKeyIsNotGenerated() {
        Schema country = Schema.define("countries", s -> s.primaryKey("code", Type.STRING).field("name", Type.STRING));
        assertEquals("code", country.primaryKey().name());
        assertTrue(!country.autogeneratesKey());
    }

    @Test
    void aStructIsAnImmutableMapCheckedAgainstItsSchema() {
        Struct ada = USER.struct(Map.of("name", "Ada"));
        Struct bea = ada.put("name", "Bea");
        assertEquals("Ada", ada.get("name"));
        assertEquals("Bea", bea.fetch("name"));
        assertThrows(IllegalArgumentException.class, () -> ada.fetch("nmae"));
        assertThrows(IllegalArgumentException.class, () -> ada.put("age", "36"));
        assertThrows(UnsupportedOperationException.class, () -> ada.entrySet().clear());
    }

    @Test
    void badNamesAndMistypedDefaultsFailAtDefinition() {
        assertThrows(IllegalArgumentException.class, () -> Schema.define("Users", s -> {}));
        assertThrows(IllegalArgumentException.class, () -> Schema.define("t", s -> s.field("order", Type.STRING)));
        assertThrows(IllegalArgumentException.class, () -> Schema.define("t", s -> s.field("n", Type.INTEGER, "1")));
        assertThrows(IllegalArgumentException.class, () -> Schema.define("t", s -> s.field("a", Type.STRING)
                .field("a", Type.STRING)));
    }

    @Test
    void typesCastLikeEcto() {
        assertEquals(java.util.Optional.of(42), Type.INTEGER.cast("42"));
        assertEquals(java.util.Optional.empty(), Type.INTEGER.cast(4.2));
        assertEquals(java.util.Optional.empty(), Type.INTEGER.cast(Long.MAX_VALUE));
        assertEquals(java.util.Optional.of(false), Type.BOOLEAN.cast("0"));
        assertEquals(java.util.Optional.empty(), Type.STRING.cast(5));
    }
}
