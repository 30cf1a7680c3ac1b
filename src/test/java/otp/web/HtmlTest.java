package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {
    public record User(String name, int age) {}

    @Test
    void escapesEveryInterpolatedValueByDefault() {
        Html.Safe out = Html.render("<p>{name}</p>", Map.of("name", "<script>alert('x')</script> & \"q\""));
        assertEquals("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>", out.html());
    }

    @Test
    void leavesSafeMarkupAsItIs() {
        Html.Safe out = Html.render("<div>{body}</div>", Map.of("body", Html.raw("<b>bold</b>")));
        assertEquals("<div><b>bold</b></div>", out.html());
    }

    @Test
    void readsDottedPathsThroughMapsAndRecords() {
        Html.Safe out = Html.render("{user.name} is {user.age}", Map.of("user", new User("Ada", 36)));
        assertEquals("Ada is 36", out.html());
    }

    @Test
    void rendersEachItemOfAList() {
        Html.Safe items = Html.each(List.of("a<", "b"), s -> Html.render("<li>{s}</li>", Map.of("s", s)));
        assertEquals("<li>a&lt;</li><li>b</li>", items.html());
    }

    @Test
    void nullRendersAsNothing() {
        java.util.HashMap<String, Object> assigns = new java.util.HashMap<>();
        assigns.put("x", null);
        assertEquals("[]", Html.render("[{x}]", assigns).html());
    }

    @Test
    void namesAMissingAssign() {
        Html.MissingAssignException e = assertThrows(Html.MissingAssignException.class,
                () -> Html.render("<p>{nmae}</p>", Map.of("name", "Ada")));
        assertTrue(e.getMessage().contains("nmae"), e.getMessage());
    }

    @Test
    void leavesTextThatIsNotAPlaceholderAlone() {
        assertEquals("a { b } {1} {}", Html.render("a { b } {1} {}", Map.of()).html());
    }
}
