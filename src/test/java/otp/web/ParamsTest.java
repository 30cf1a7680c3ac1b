package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    @Test
    void decodesFlatPairsWithPercentAndPlusEncoding() {
        assertEquals(Map.of("q", "a b&c", "empty", ""), Params.decodeForm("q=a+b%26c&empty"));
    }

    @Test
    void nestsBracketedKeysIntoMaps() {
        assertEquals(Map.of("user", Map.of("name", "Ada", "address", Map.of("city", "Paris"))),
                Params.decodeForm("user[name]=Ada&user[address][city]=Paris"));
    }

    @Test
    void collectsEmptyBracketKeysIntoLists() {
        assertEquals(Map.of("tags", List.of("a", "b")), Params.decodeForm("tags[]=a&tags[]=b"));
    }

    @Test
    void encodesNestedMapsAndListsBack() {
        Map<String, Object> params = Map.of("user", Map.of("name", "A B"));
        assertEquals(params, Params.decodeForm(Params.encodeForm(params)));
        assertEquals("tags%5B%5D=x&tags%5B%5D=y", Params.encodeForm(Map.of("tags", List.of("x", "y"))));
    }

    @Test
    void refusesBadPercentEncodingAsABadRequest() {
        Conn.BadRequestException e = assertThrows(Conn.BadRequestException.class, () -> Params.decodeForm("a=%zz"));
        assertEquals(400, e.status());
    }
}
