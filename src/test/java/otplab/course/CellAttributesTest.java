package otplab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import otplab.protocol.RunStatus;

class CellAttributesTest {

    private static CellAttributes parse(String text, List<String> problems) {
        return CellAttributes.parse(text, problems);
    }

    @Test
    void anEmptyAttributeTextIsAPlainRunnableCell() {
        List<String> problems = new ArrayList<>();
        assertEquals(CellAttributes.DEFAULT, parse("", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void readsQuotedValuesWithEscapesAndFlags() {
        List<String> problems = new ArrayList<>();
        CellAttributes a = parse("id=\"greet\" expect=\"a \\\"b\\\"\\nc\" timeout-ms=2000 setup", problems);
        assertEquals(List.of(), problems);
        assertEquals(Optional.of("greet"), a.id());
        assertEquals(Optional.of("a \"b\"\nc"), a.expect());
        assertEquals(OptionalLong.of(2000), a.timeoutMs());
        assertEquals(CellAttributes.Setup.VISIBLE, a.setup());
        assertTrue(a.run());
    }

    @Test
    void describesACellExpectedToFail() {
        List<String> problems = new ArrayList<>();
        CellAttributes a = parse("status=\"compile_error\" error-contains=\"cannot find symbol\"", problems);
        assertEquals(List.of(), problems);
        assertEquals(RunStatus.COMPILE_ERROR, a.status());
        assertEquals(Optional.of("cannot find symbol"), a.errorContains());
    }

    @Test
    void hiddenSetupIsASetupCellThatIsNotShown() {
        List<String> problems = new ArrayList<>();
        Cell cell = new Cell("cell-1", 1, 3, "int x = 1;", parse("hidden-setup", problems));
        assertTrue(cell.setup());
        assertFalse(cell.shown());
    }

    @Test
    void routerAndLiveAskForAPanelUnderTheCell() {
        List<String> problems = new ArrayList<>();
        assertEquals(CellAttributes.Panel.ROUTER, parse("id=\"api\" router", problems).panel());
        assertEquals(CellAttributes.Panel.LIVE, parse("live", problems).panel());
        assertEquals(CellAttributes.Panel.NONE, parse("", problems).panel());
        assertEquals(List.of(), problems);
    }

    @Test
    void aCellShowsOnlyOnePanelAndAHiddenCellNone() {
        List<String> problems = new ArrayList<>();
        parse("router live", problems);
        parse("live hidden-setup", problems);
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).contains("either `router` or `live`"));
        assertTrue(problems.get(1).contains("cannot show a `live` panel"));
    }

    @Test
    void namesAnUnknownAttributeAndListsTheKnownOnes() {
        List<String> problems = new ArrayList<>();
        parse("expct=\"3\"", problems);
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().contains("unknown cell attribute `expct`"));
        assertTrue(problems.getFirst().contains("expect-contains"));
    }

    @Test
    void refusesContradictionsAndBadValues() {
        List<String> problems = new ArrayList<>();
        parse("no-run expect=\"1\"", problems);
        parse("status=\"exploded\"", problems);
        parse("setup hidden-setup", problems);
        parse("error-contains=\"x\"", problems);
        parse("timeout-ms=soon", problems);
        parse("no-run=yes", problems);
        parse("expect", problems);
        parse("id=\"Not Valid\"", problems);
        parse("expect=\"unclosed", problems);
        assertEquals(9, problems.size(), problems.toString());
    }
}
