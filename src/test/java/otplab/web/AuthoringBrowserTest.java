package otplab.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrowserExtension.class)
class AuthoringBrowserTest {

    @Test
    void aBrokenLessonShowsItsErrorBoxWhileOtherPagesServe(Page page, TestSite site) {
        site.writeLesson("04-broken.md", """
                ---
                title: Broken lesson
                part: OTP
                ---

                ## Cells

                ```java expct="1"
                System.out.println(1);
                ```
                """);
        site.reload();
        page.navigate(site.url("/lessons/broken"));
        var box = page.locator(".authoring-errors");
        assertThat(box).isVisible();
        assertThat(box).hasAttribute("role", "alert");
        assertThat(box).containsText("lessons/04-broken.md, line 8");
        assertThat(box).containsText("unknown cell attribute expct");
        assertThat(page.locator(".lesson-body h2")).hasText("Cells");
        page.navigate(site.url("/lessons/first-steps"));
        assertThat(page.locator(".authoring-errors")).hasCount(0);
        assertThat(page.locator("h1")).hasText("First steps");
        page.navigate(site.url("/"));
        assertThat(page.locator("[data-lesson-slug=broken] .broken-mark")).hasText("Needs fixing");
    }

    @Test
    void anOpenPageReloadsWhenItsLessonFileChanges(Page page, TestSite site) {
        page.navigate(site.url("/lessons/second-lesson"));
        assertThat(page.locator("body")).hasAttribute("data-live-reload-state", "open");
        site.writeLesson("02-second-lesson.md", """
                ---
                title: Second lesson, edited
                part: OTP
                ---

                ## A new section

                Fresh words.
                """);
        assertThat(page.locator("h1")).hasText("Second lesson, edited");
        assertEquals("A new section", page.locator(".lesson-body h2").textContent());
    }
}
