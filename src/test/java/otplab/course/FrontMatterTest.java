package otplab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrontMatterTest {

    @Test
    void readsTextNumbersAndBothListForms() {
        FrontMatter fm = FrontMatter.parse("""
                ---
                title: "GenServer: the basics"
                minutes: 30
                exercises: [counter, stack]
                tags:
                  - otp
                  - 'state'
                summary: >
                  Folded onto
                  one line.
                ---
                body
                """);
        assertEquals(List.of(), fm.problems());
        assertEquals("GenServer: the basics", fm.fields().get("title").value());
        assertEquals("30", fm.fields().get("minutes").value());
        assertEquals(List.of("counter", "stack"), fm.fields().get("exercises").value());
        assertEquals(List.of("otp", "state"), fm.fields().get("tags").value());
        assertEquals("Folded onto one line.", fm.fields().get("summary").value());
        assertEquals(11, fm.lastLine());
    }

    @Test
    void namesTheLineOfALineThatIsNotAField() {
        FrontMatter fm = FrontMatter.parse("---\ntitle: ok\nthis is not yaml\n---\n");
        assertEquals(1, fm.problems().size());
        assertEquals(3, fm.problems().getFirst().line());
        assertTrue(fm.problems().getFirst().message().contains("field: value"));
    }

    @Test
    void reportsFrontMatterThatIsNeverClosed() {
        FrontMatter fm = FrontMatter.parse("---\ntitle: ok\n\n## Heading\n");
        assertEquals(1, fm.problems().getFirst().line());
        assertTrue(fm.problems().getFirst().message().contains("never closed"));
    }

    @Test
    void reportsAFileWithoutFrontMatter() {
        FrontMatter fm = FrontMatter.parse("## Just a heading\n");
        assertEquals(0, fm.lastLine());
        assertTrue(fm.problems().getFirst().message().contains("must begin with front matter"));
    }

    @Test
    void reportsDuplicateFieldsAndUnclosedQuotes() {
        FrontMatter fm = FrontMatter.parse("---\ntitle: a\ntitle: b\nsummary: \"open\n---\n");
        assertEquals(List.of(3, 4), fm.problems().stream().map(FrontMatter.Problem::line).toList());
    }
}
