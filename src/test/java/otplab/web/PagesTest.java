package otplab.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every page goes through the escaping templates: text from a request, an author or a learner never becomes markup. */
class PagesTest {
    private final Pages pages = new Pages(Assets.fromClasspath(), false);

    @Test
    void anErrorPageShowsMarkupInItsTitleAndMessageAsText() {
        String page = pages.problem(404, "<b>Gone</b>", "no lesson called `<script>x</script>` & friends");
        assertTrue(page.contains("<title>&lt;b&gt;Gone&lt;/b&gt; · OTP Lab</title>"), page);
        assertTrue(page.contains("<h1>&lt;b&gt;Gone&lt;/b&gt;</h1>"), page);
        assertTrue(page.contains("<code>&lt;script&gt;x&lt;/script&gt;</code> &amp; friends"), page);
        assertFalse(page.contains("<b>Gone") || page.contains("<script>x"), page);
    }

    @Test
    void theLayoutEscapesTheSlugAndKeepsTheMainContentItWasGiven() {
        String page = pages.layout(new Pages.Layout("Title", "lesson", "a\"b", null, "<p>given</p>", false));
        assertTrue(page.contains("data-slug=\"a&quot;b\""), page);
        assertTrue(page.contains("<main id=\"main\" tabindex=\"-1\">\n<p>given</p>\n</main>"), page);
        assertTrue(page.contains("<div class=\"layout layout-single\">"), page);
    }
}
