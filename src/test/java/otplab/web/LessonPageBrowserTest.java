package otplab.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrowserExtension.class)
class LessonPageBrowserTest {

    @Test
    void rendersHeadingsTableTocAndHighlightedElixir(Page page, TestSite site) {
        page.navigate(site.url("/lessons/first-steps"));
        assertThat(page.locator("h1")).hasText("First steps");
        assertEquals(List.of("Processes", "A cell"), page.locator(".lesson-body h2").allTextContents());
        assertThat(page.locator(".lesson-body table th").first()).hasText("callback");
        assertThat(page.locator(".toc a[href='#the-elixir-side']")).hasText("The Elixir side");
        assertThat(page.locator("figure[data-lang=elixir] .hl-keyword").first()).hasText("defmodule");
        assertThat(page.locator("figure[data-lang=elixir] .hl-comment")).hasText("# a comment");
        assertThat(page.locator(".lesson-body a[href='https://example.org']")).isVisible();
    }

    @Test
    void linksToTheNextAndPreviousLessons(Page page, TestSite site) {
        page.navigate(site.url("/lessons/second-lesson"));
        assertThat(page.locator(".pager-prev")).hasAttribute("href", "/lessons/first-steps");
        assertThat(page.locator(".pager-next")).hasAttribute("href", "/lessons/routing");
    }

    @Test
    void aJavaCellIsAnEditorThatKeepsItsEditsAfterAReload(Page page, TestSite site) {
        page.navigate(site.url("/lessons/first-steps"));
        var editor = page.locator("figure.cell[data-cell-id=greet] .cm-content");
        assertThat(editor).hasAttribute("contenteditable", "true");
        assertThat(page.locator("figure.cell[data-cell-id=greet] .cm-lineNumbers")).isVisible();
        editor.click();
        page.keyboard().press("Control+End");
        page.keyboard().type("\nSystem.out.println(42);");
        assertThat(editor).containsText("System.out.println(42);");
        page.reload();
        assertThat(page.locator("figure.cell[data-cell-id=greet] .cm-content")).containsText("System.out.println(42);");
        assertThat(page.locator("figure.cell[data-cell-id=greet] .cm-content")).containsText("System.out.println(\"hello\");");
    }

    @Test
    @AllowConsoleErrors // this site has no runner, so the run it asks for cannot open /ws/run; RunnerBrowserTest covers real runs
    void controlEnterAsksToRunTheCellWithItsCode(Page page, TestSite site) {
        page.navigate(site.url("/lessons/first-steps"));
        page.evaluate("() => { window.runs = []; document.addEventListener('otplab:run', e => window.runs.push(e.detail.code)); }");
        page.locator("figure.cell[data-cell-id=greet] .cm-content").click();
        page.keyboard().press("Control+Enter");
        assertEquals("System.out.println(\"hello\");", page.evaluate("() => window.runs[0]"));
        assertEquals(1, page.evaluate("() => window.runs.length"));
    }

    @Test
    void aNoRunCellIsShownReadOnly(Page page, TestSite site) {
        page.navigate(site.url("/lessons/first-steps"));
        var fragment = page.locator("figure.cell[data-runnable=false]");
        assertThat(fragment.locator(".cell-title")).hasText("Java (read only)");
        assertThat(fragment.locator(".cm-content")).hasText("interface Fragment {}");
        fragment.locator(".cm-content").click();
        page.keyboard().type("typed");
        assertThat(fragment.locator(".cm-content")).not().containsText("typed");
    }

    @Test
    void theDarkThemeTogglesAndIsRemembered(Page page, TestSite site) {
        page.navigate(site.url("/lessons/first-steps"));
        assertThat(page.locator("html")).hasAttribute("data-theme", "light");
        String lightBackground = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
        page.locator("#theme-toggle").click();
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
        assertThat(page.locator("#theme-toggle")).hasAttribute("aria-pressed", "true");
        String darkBackground = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
        assertTrue(!darkBackground.equals(lightBackground), "the background should change with the theme");
        page.reload();
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
    }

    @Test
    void followsTheSystemsDarkPreferenceUntilTheReaderChooses(Page page, TestSite site) {
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        page.navigate(site.url("/"));
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
    }

    @Test
    void fitsAPhoneScreenWithoutSidewaysScrolling(Page page, TestSite site) {
        page.setViewportSize(375, 740);
        page.navigate(site.url("/lessons/first-steps"));
        assertThat(page.locator(".cm-content").first()).isVisible();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, ((Number) overflow).intValue());
    }
}
