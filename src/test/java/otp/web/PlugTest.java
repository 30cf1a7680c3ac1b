package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlugTest {
    static final class Tag implements Plug.Module<String> {
        int inits;

        @Override
        public String init(String opts) {
            inits++;
            return opts.toUpperCase();
        }

        @Override
        public Conn call(Conn conn, String opts) {
            return conn.assign("tag", opts);
        }
    }

    @Test
    void aFunctionPlugTransformsTheConn() {
        Plug plug = conn -> conn.assign("seen", true);
        assertEquals(true, plug.call(Conn.request("GET", "/")).assigns().get("seen"));
    }

    @Test
    void aModulePlugRunsInitOnceAndCallWithThePreparedOptions() {
        Tag module = new Tag();
        Plug plug = Plug.of(module, "blue");
        plug.call(Conn.request("GET", "/"));
        Conn out = plug.call(Conn.request("GET", "/"));
        assertEquals("BLUE", out.assigns().get("tag"));
        assertEquals(1, module.inits);
    }

    @Test
    void runStopsAtTheFirstPlugThatHalts() {
        List<String> trail = new ArrayList<>();
        Conn out = Plug.run(Conn.request("GET", "/"), List.of(
                c -> { trail.add("first"); return c; },
                c -> { trail.add("second"); return c.halt(); },
                c -> { trail.add("third"); return c; }));
        assertEquals(List.of("first", "second"), trail);
        assertTrue(out.halted());
    }

    @Test
    void runReportsAPlugThatReturnsNull() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Plug.run(Conn.request("GET", "/"), List.of(c -> c, c -> null)));
        assertTrue(e.getMessage().contains("#2"), e.getMessage());
    }

    @Test
    void acceptsNegotiatesTheFormatOrAnswers406() {
        Plug accepts = Plugs.accepts("json");
        assertEquals("json", accepts.call(Conn.request("GET", "/")).assigns().get(Plugs.FORMAT_ASSIGN));
        assertEquals("json", accepts.call(Conn.request("GET", "/").putReqHeader("accept", "text/html, application/json;q=0.9"))
                .assigns().get(Plugs.FORMAT_ASSIGN));
        Conn refused = accepts.call(Conn.request("GET", "/").putReqHeader("accept", "text/html"));
        assertEquals(406, refused.status());
        assertTrue(refused.halted());
    }

    @Test
    void putSecureBrowserHeadersAddsTheSecurityHeaders() {
        Conn out = Plugs.putSecureBrowserHeaders().call(Conn.request("GET", "/"));
        assertEquals(Optional.of("nosniff"), out.respHeader("x-content-type-options"));
        assertEquals(Optional.of("SAMEORIGIN"), out.respHeader("x-frame-options"));
    }
}
