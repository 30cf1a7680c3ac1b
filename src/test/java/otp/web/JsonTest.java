package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    public record User(long id, String name, List<String> roles) {}

    @Test
    void encodesMapsListsAndScalarsInOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("b", List.of(true, false));
        value.put("c", null);
        value.put("d", 2.5);
        assertEquals("{\"a\":1,\"b\":[true,false],\"c\":null,\"d\":2.5}", Json.encode(value));
    }

    @Test
    void encodesRecordsByTheirComponents() {
        assertEquals("{\"id\":7,\"name\":\"Ada\",\"roles\":[\"admin\"]}",
                Json.encode(new User(7, "Ada", List.of("admin"))));
    }

    private record Secret(String code) {}

    @Test
    void encodesRecordsThatAreNotPublicAsLearnersWriteThem() {
        assertEquals("{\"code\":\"x\"}", Json.encode(new Secret("x")));
        assertEquals("x", Html.render("{s.code}", java.util.Map.of("s", new Secret("x"))).html());
    }

    @Test
    void escapesQuotesControlCharactersAndHtmlSensitiveCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0001\"", Json.encode("a\"b\\c\n</script>\u0001"));
    }

    @Test
    void decodesObjectsArraysStringsNumbersAndLiterals() {
        Object value = Json.decode(" {\"n\": -12, \"f\": 1.5e2, \"s\": \"h\\u00e9\\n\", \"a\": [true, null, false], \"o\": {}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("n", -12L);
        expected.put("f", new BigDecimal("1.5e2"));
        expected.put("s", "hé\n");
        expected.put("a", Arrays.asList(true, null, false));
        expected.put("o", Map.of());
        assertEquals(expected, value);
    }

    @Test
    void decodesIntegersTooBigForALongAsBigDecimal() {
        assertEquals(new BigDecimal("123456789012345678901234567890"), Json.decode("123456789012345678901234567890"));
    }

    @Test
    void roundTripsWhatItEncodes() {
        Map<String, Object> value = Map.of("k", List.of("x", 1L, Map.of("z", false)));
        assertEquals(value, Json.decode(Json.encode(value)));
    }

    @Test
    void reportsWhereTheTextIsNotJson() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.decode("{\"a\": tru}"));
        assertTrue(e.getMessage().contains("position 6"), e.getMessage());
        assertThrows(Json.ParseException.class, () -> Json.decode("[1, 2"));
        assertThrows(Json.ParseException.class, () -> Json.decode("{} extra"));
        assertThrows(Json.ParseException.class, () -> Json.decode("01x"));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertThrows(Json.ParseException.class, () -> Json.decode(deep));
    }

    @Test
    void refusesValuesWithoutAJsonForm() {
        assertThrows(Json.EncodeException.class, () -> Json.encode(Double.NaN));
        assertThrows(Json.EncodeException.class, () -> Json.encode(new Object()));
    }

    @Test
    void decodeObjectRefusesOtherJsonValues() {
        assertThrows(Json.ParseException.class, () -> Json.decodeObject("[1]"));
    }
}
