package otplab.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrowserExtension.class)
class CourseIndexBrowserTest {

    @Test
    void listsTheLessonsInCourseOrderGroupedByPart(Page page, TestSite site) {
        page.navigate(site.url("/"));
        assertEquals(List.of("First steps", "Second lesson", "Routing"), page.locator(".lesson-link").allTextContents());
        assertEquals(List.of("OTP", "Phoenix"), page.locator(".part h2").allTextContents());
        assertThat(page.locator(".lesson-item").first().locator(".lesson-summary")).hasText("The first fixture lesson.");
        assertThat(page.locator(".lesson-item").first().locator(".lesson-meta")).hasText("5 min");
    }

    @Test
    void showsACompletionMarkForALessonMarkedDone(Page page, TestSite site) {
        page.navigate(site.url("/"));
        assertThat(page.locator("[data-lesson-slug=second-lesson] [data-done-mark]")).isHidden();
        page.navigate(site.url("/lessons/second-lesson"));
        page.locator("#mark-done").click();
        assertThat(page.locator("#mark-done")).hasAttribute("aria-pressed", "true");
        page.navigate(site.url("/"));
        assertThat(page.locator("[data-lesson-slug=second-lesson] [data-done-mark]")).isVisible();
        assertThat(page.locator("[data-lesson-slug=first-steps] [data-done-mark]")).isHidden();
    }

    @Test
    void opensALessonFromTheIndexWithTheKeyboard(Page page, TestSite site) {
        page.navigate(site.url("/"));
        page.keyboard().press("Tab");
        assertThat(page.locator(".skip-link")).isFocused();
        page.locator(".lesson-link").first().focus();
        page.keyboard().press("Enter");
        page.waitForURL(site.url("/lessons/first-steps"));
        assertThat(page.locator("h1")).hasText("First steps");
    }
}
