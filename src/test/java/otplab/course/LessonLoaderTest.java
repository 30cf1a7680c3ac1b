package otplab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonLoaderTest {
    private final LessonLoader loader = new LessonLoader(new MarkdownRenderer());

    @TempDir
    Path dir;

    private Lesson load(String name, String text) throws IOException {
        return loader.load(Files.writeString(dir.resolve(name), text), "lessons/" + name);
    }

    @Test
    void readsFrontMatterTocCellsAndHighlightedElixir() throws IOException {
        Lesson lesson = load("04-supervisors.md", """
                ---
                title: Supervisors
                part: OTP
                summary: Restarting children.
                minutes: 25
                exercises: [stack]
                ---

                ## Strategies

                | strategy | restarts |
                |---|---|
                | one_for_one | the crashed child |

                ```elixir
                Supervisor.start_link(children, strategy: :one_for_one)
                ```

                ### In Java

                ```java expect="ok" id="start"
                System.out.println("ok");
                ```

                ```java hidden-setup
                import otp.*;
                ```
                """);
        assertEquals(List.of(), lesson.problems());
        assertEquals("supervisors", lesson.slug());
        assertEquals(4, lesson.order());
        assertEquals("Supervisors", lesson.title());
        assertEquals(25, lesson.minutes());
        assertEquals(List.of("stack"), lesson.exercises());
        assertEquals(List.of(new TocEntry(2, "Strategies", "strategies"), new TocEntry(3, "In Java", "in-java")), lesson.toc());
        assertEquals(2, lesson.cells().size());
        assertEquals("start", lesson.cells().getFirst().id());
        assertEquals(21, lesson.cells().getFirst().line());
        assertEquals("cell-2", lesson.cells().get(1).id());
        assertEquals(1, lesson.setupCells().size());
        assertTrue(lesson.html().contains("<table>"));
        assertTrue(lesson.html().contains("<span class=\"hl-atom\">:one_for_one</span>"));
        assertTrue(lesson.html().contains("data-cell-id=\"start\""));
        assertTrue(lesson.html().contains("<template class=\"cell-hidden-setup\""));
    }

    @Test
    void reportsBrokenFrontMatterWithFileAndLineAndStillRenders() throws IOException {
        Lesson lesson = load("05-broken.md", """
                ---
                title: Broken
                part: Erlang
                minuts: 5
                ---

                ## Still here
                """);
        assertTrue(lesson.broken());
        assertEquals(List.of("lessons/05-broken.md:3", "lessons/05-broken.md:4"),
                lesson.problems().stream().map(p -> p.file() + ":" + p.line()).toList());
        assertTrue(lesson.html().contains("Still here"));
    }

    @Test
    void reportsUnknownCellAttributesAtTheFenceLine() throws IOException {
        Lesson lesson = load("06-cells.md", "---\ntitle: Cells\npart: OTP\n---\n\n```java expct=\"1\"\nint x;\n```\n");
        assertEquals(1, lesson.problems().size());
        assertEquals(6, lesson.problems().getFirst().line());
        assertTrue(lesson.problems().getFirst().message().contains("expct"));
    }

    @Test
    void readsCellAttributesAsTypedSoEscapedQuotesAndEntitiesSurviveCommonMark() throws IOException {
        Lesson lesson = load("05-quotes.md", """
                ---
                title: Quotes
                part: OTP
                ---

                ```java expect="say \\"hi\\" &lt;b&gt;" id="quoted"
                System.out.println("say \\"hi\\" &lt;b&gt;");
                ```

                > ~~~java expect-contains="a\\\\b"
                > System.out.println("a\\\\b");
                > ~~~
                """);
        assertEquals(List.of(), lesson.problems());
        assertEquals("say \"hi\" &lt;b&gt;", lesson.cells().get(0).attributes().expect().orElseThrow());
        assertEquals("quoted", lesson.cells().get(0).id());
        assertEquals("a\\b", lesson.cells().get(1).attributes().expectContains().orElseThrow());
    }

    @Test
    void reportsAFileNameThatIsNotNumberDashSlug() throws IOException {
        Lesson lesson = load("Intro.md", "---\ntitle: Intro\npart: OTP\n---\n");
        assertEquals("intro", lesson.slug());
        assertTrue(lesson.problems().getFirst().message().contains("NN-slug.md"));
    }

    @Test
    void ordersLessonsByPartThenNumberAndLinksNeighbours() throws IOException {
        load("02-b.md", "---\ntitle: B\npart: OTP\n---\n");
        load("01-a.md", "---\ntitle: A\npart: OTP\n---\n");
        load("03-c.md", "---\ntitle: C\npart: Phoenix\n---\n");
        load("00-z.md", "---\ntitle: Z\npart: Releases\n---\n");
        Course course = Course.load(dir, dir.resolve("exercises"), loader);
        assertEquals(List.of("a", "b", "c", "z"), course.lessons().stream().map(Lesson::slug).toList());
        assertEquals(List.of(Part.OTP, Part.PHOENIX, Part.RELEASES), course.parts().stream().map(Course.PartGroup::part).toList());
        assertEquals("b", course.next(course.lesson("a").orElseThrow()).orElseThrow().slug());
        assertFalse(course.previous(course.lesson("a").orElseThrow()).isPresent());
    }

    @Test
    void theBundledLessonsHaveNoProblems() {
        Course course = Course.load(Path.of("lessons"), Path.of("exercises"), loader);
        assertTrue(course.lessons().size() >= 2, "expected the bundled lessons in ./lessons");
        assertEquals(List.of(), course.problems().stream().map(AuthoringProblem::describe).toList());
        assertEquals("what-is-otp", course.lessons().getFirst().slug());
    }
}
