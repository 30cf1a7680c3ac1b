package otp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.data.Accounts.USER;
import static otp.data.Changeset.greaterThanOrEqualTo;
import static otp.data.Changeset.is;
import static otp.data.Changeset.lessThan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChangesetTest {
    private static final Schema EVENT = Schema.define("events", s -> s
            .field("title", Type.STRING).field("day", Type.DATE).field("at", Type.UTC_DATETIME)
            .field("score", Type.FLOAT).field("role", Type.STRING).field("done", Type.BOOLEAN));

    @Test
    void castConvertsParamsToTheFieldTypes() {
        Changeset cs = Changeset.cast(EVENT.struct(), Map.of("day", "2024-05-01", "at", "2024-05-01T10:00:00.5Z",
                "score", "4.5", "done", "true"), List.of("day", "at", "score", "done"));
        assertTrue(cs.isValid());
        assertEquals(Map.of("day", LocalDate.of(2024, 5, 1), "at", Instant.parse("2024-05-01T10:00:00Z"),
                "score", 4.5, "done", true), cs.changes());
    }

    @Test
    void castKeepsOnlyPermittedFields() {
        Changeset cs = Changeset.cast(USER.struct(), Map.of("name", "Ada", "is_admin", "true", "id", "1"),
                List.of("name"));
        assertEquals(Map.of("name", "Ada"), cs.changes());
    }

    @Test
    void castMarksAValueThatDoesNotFitItsTypeInvalid() {
        Changeset cs = Changeset.cast(USER.struct(), Map.of("age", "forty", "is_active", "maybe"),
                List.of("age", "is_active"));
        assertEquals(Map.of("age", List.of(Changeset.INVALID), "is_active", List.of(Changeset.INVALID)), cs.errorMap());
        assertFalse(cs.isValid());
    }

    @Test
    void castTurnsBlankStringsIntoNilAndSkipsUnchangedValues() {
        Struct ada = USER.struct(Map.of("name", "Ada", "age", 36));
        Changeset cs = Changeset.cast(ada, Map.of("name", "  ", "age", "36"), List.of("name", "age"));
        assertEquals(java.util.Collections.singletonMap("name", null), cs.changes());
    }

    @Test
    void castRefusesAPermittedFieldTheSchemaLacks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Changeset.cast(USER.struct(), Map.of(), List.of("nmae")));
        assertTrue(e.getMessage().contains("no field 'nmae'"), e.getMessage());
    }

    @Test
    void validateRequiredFlagsMissingAndBlankFieldsButNotOnesAlreadyInvalid() {
        Changeset cs = Changeset.cast(USER.struct(), Map.of("name", "", "age", "x"), List.of("name", "age"))
                .validateRequired("name", "email", "age");
        assertEquals(Map.of("age", List.of(Changeset.INVALID), "name", List.of(Changeset.BLANK),
                "email", List.of(Changeset.BLANK)), cs.errorMap());
    }

    @Test
    void validateRequiredAcceptsAValueAlreadyOnTheStruct() {
        Struct ada = USER.struct(Map.of("name", "Ada"));
        assertTrue(Changeset.cast(ada, Map.of(), List.of("name")).validateRequired("name").isValid());
    }

    @Test
    void validateFormatChecksTheChangeAgainstThePattern() {
        assertEquals(List.of(Changeset.INVALID_FORMAT), Accounts.changeset(USER.struct(),
                Map.of("name", "Ada", "email", "nope")).errorsOn("email"));
    }

    @Test
    void validateNumberReportsTheFirstBrokenBound() {
        Changeset cs = Changeset.cast(USER.struct(), Map.of("age", 150), List.of("age"))
                .validateNumber("age", greaterThanOrEqualTo(0), lessThan(130));
        assertEquals(List.of("must be less than 130"), cs.errorsOn("age"));
        assertEquals(List.of("must be greater than 0"),
                Accounts.changeset(USER.struct(), Map.of("age", 0)).errorsOn("age"));
    }

    @Test
    void validateLengthCountsCharactersAgainstMinMaxAndIs() {
        assertEquals(List.of("should be at least 2 character(s)"),
                Accounts.changeset(USER.struct(), Map.of("name", "A")).errorsOn("name"));
        assertEquals(List.of("should be 3 character(s)"),
                Changeset.cast(USER.struct(), Map.of("name", "Zoë!"), List.of("name")).validateLength("name", is(3))
                        .errorsOn("name"));
    }

    @Test
    void validateInclusionAndExclusionCheckAgainstAList() {
        Changeset cs = Changeset.cast(EVENT.struct(), Map.of("role", "root", "title", "admin"), List.of("role", "title"))
                .validateInclusion("role", List.of("user", "admin"))
                .validateExclusion("title", List.of("admin"));
        assertEquals(Map.of("role", List.of(Changeset.INVALID), "title", List.of(Changeset.RESERVED)), cs.errorMap());
    }

    @Test
    void validationsLeaveUnchangedFieldsAlone() {
        Struct odd = USER.struct(Map.of("name", "A", "email", "no-at-sign"));
        assertTrue(Changeset.cast(odd, Map.of("age", "5"), List.of("age"))
                .validateFormat("email", Pattern.compile("@")).validateLength("name", Changeset.min(2)).isValid());
    }

    @Test
    void applyChangesAndApplyActionGiveTheUpdatedStruct() {
        Changeset valid = Accounts.changeset(USER.struct(), Map.of("name", "Ada", "email", "a@x"));
        assertEquals("Ada", valid.applyChanges().get("name"));
        assertEquals(Result.ok(valid.applyChanges()), valid.applyAction("validate"));
        Changeset invalid = Accounts.changeset(USER.struct(), Map.of());
        Result<Struct, Changeset> result = invalid.applyAction("validate");
        assertEquals("validate", ((Result.Error<Struct, Changeset>) result).reason().action());
    }

    @Test
    void putChangeAndAddErrorReturnNewChangesets() {
        Changeset base = Changeset.cast(USER.struct(), Map.of(), List.of("name"));
        Changeset changed = base.putChange("name", "Bea").addError("email", "is odd");
        assertEquals(Map.of(), base.changes());
        assertEquals("Bea", changed.getChange("name"));
        assertEquals("Bea", changed.getField("name"));
        assertEquals(true, changed.getField("is_active"));
        assertEquals(List.of("is odd"), changed.errorsOn("email"));
        assertThrows(IllegalArgumentException.class, () -> base.putChange("age", "36"));
    }

    @Test
    void uniqueConstraintNamesTheIndexTheMigrationCreates() {
        Changeset cs = Changeset.cast(USER.struct(), Map.of(), List.of()).uniqueConstraint("email");
        assertEquals(List.of(new Changeset.Constraint("email", "users_email_index", Changeset.TAKEN)), cs.constraints());
    }
}
