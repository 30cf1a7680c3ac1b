package otp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otp.web.Controller.json;
import static otp.web.Controller.text;
import static otp.web.ResourceController.ResourceAction.CREATE;
import static otp.web.ResourceController.ResourceAction.EDIT;
import static otp.web.ResourceController.ResourceAction.INDEX;
import static otp.web.ResourceController.ResourceAction.SHOW;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
    static final class UserController implements ResourceController {
        @Override
        public Conn index(Conn conn, Map<String, Object> params) {
            return text(conn, "index");
        }

        @Override
        public Conn show(Conn conn, Map<String, Object> params) {
            return text(conn, "show " + params.get("id"));
        }

        @Override
        public Conn create(Conn conn, Map<String, Object> params) {
            return json(conn.putStatus(201), params);
        }

        @Override
        public Conn newForm(Conn conn, Map<String, Object> params) {
            return text(conn, "new");
        }

        @Override
        public Conn update(Conn conn, Map<String, Object> params) {
            return text(conn, "update " + params.get("id"));
        }

        @Override
        public Conn delete(Conn conn, Map<String, Object> params) {
            return text(conn, "delete " + params.get("id"));
        }
    }

    private final List<String> trail = new ArrayList<>();

    private Router router() {
        return Router.build(r -> {
            r.plug(c -> { trail.add("endpoint"); return c; });
            r.pipeline("browser", p -> p.plug(c -> { trail.add("browser"); return c; }));
            r.pipeline("api", p -> p.plug(Plugs.accepts("json")).plug(c -> { trail.add("api"); return c; }));
            r.pipeline("auth", p -> p.plug(c -> c.reqHeader("authorization").isPresent()
                    ? c.assign("user", "ada") : text(c.putStatus(401), "login first").halt()));
            r.scope("/", s -> {
                s.pipeThrough("browser");
                s.get("/", (c, p) -> text(c, "home"));
                s.resources("/users", new UserController());
                s.get("/files/*path", (c, p) -> text(c, "file " + p.get("path")));
            });
            r.scope("/api", s -> {
                s.pipeThrough("api");
                s.resources("/users", new UserController(), Router.Resources.only(INDEX, SHOW, CREATE));
                s.scope("/admin", a -> {
                    a.pipeThrough("auth");
                    a.get("/stats", (c, p) -> json(c, Map.of("user", c.assigns().get("user"))));
                });
            });
        });
    }

    @Test
    void routesARequestToItsActionThroughTheScopePipeline() {
        Conn conn = ConnTest.get(router(), "/");
        assertEquals("home", ConnTest.textResponse(conn, 200));
        assertEquals(List.of("endpoint", "browser"), trail);
    }

    @Test
    void passesPathParamsToTheAction() {
        assertEquals("show 42", ConnTest.textResponse(ConnTest.get(router(), "/users/42"), 200));
        assertEquals(Map.of("id", "42"), ConnTest.get(router(), "/users/42").pathParams());
    }

    @Test
    void decodesPercentEncodedPathParams() {
        assertEquals("show a b+c", ConnTest.textResponse(ConnTest.get(router(), "/users/a%20b+c"), 200));
    }

    @Test
    void matchesAGlobAgainstTheRestOfThePath() {
        assertEquals("file a/b/c.txt", ConnTest.textResponse(ConnTest.get(router(), "/files/a/b/c.txt"), 200));
    }

    @Test
    void resourcesRoutesTheStandardActionsInPhoenixOrder() {
        Router router = router();
        assertEquals("index", ConnTest.textResponse(ConnTest.get(router, "/users"), 200));
        assertEquals("new", ConnTest.textResponse(ConnTest.get(router, "/users/new"), 200));
        assertEquals("update 3", ConnTest.textResponse(ConnTest.patch(router, "/users/3", Map.of()), 200));
        assertEquals("update 3", ConnTest.textResponse(ConnTest.put(router, "/users/3", Map.of()), 200));
        assertEquals("delete 3", ConnTest.textResponse(ConnTest.delete(router, "/users/3"), 200));
        assertEquals(Map.of("name", "Ada"), ConnTest.jsonResponse(ConnTest.post(router, "/users", Map.of("name", "Ada")), 201));
    }

    @Test
    void resourcesLeavesOutActionsTheControllerDoesNotDefine() {
        assertEquals(404, ConnTest.get(router(), "/users/3/edit").status());
    }

    @Test
    void resourcesOnlyRoutesTheNamedActions() {
        Router router = router();
        assertEquals("show 1", ConnTest.textResponse(ConnTest.get(router, "/api/users/1"), 200));
        Conn delete = ConnTest.delete(router, "/api/users/1");
        assertEquals(405, delete.status());
        assertEquals(Optional.of("GET"), delete.respHeader("allow"));
    }

    @Test
    void resourcesExceptRoutesEverythingElse() {
        Router router = Router.build(r -> r.resources("/users", new UserController(),
                Router.Resources.except(ResourceController.ResourceAction.DELETE, EDIT)));
        assertEquals(200, ConnTest.get(router, "/users/1").status());
        assertEquals(405, ConnTest.delete(router, "/users/1").status());
    }

    @Test
    void resourcesOnlyNamingAnUndefinedActionFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Router.build(r ->
                r.resources("/users", new UserController(), Router.Resources.only(EDIT))));
        assertTrue(e.getMessage().contains("UserController does not define edit"), e.getMessage());
    }

    @Test
    void answers404WhenNoRouteMatchesThePath() {
        Conn conn = ConnTest.get(router(), "/nowhere");
        assertEquals("Not Found: no route for GET /nowhere", ConnTest.textResponse(conn, 404));
    }

    @Test
    void answers405WithAllowWhenOnlyOtherMethodsMatch() {
        Conn conn = ConnTest.dispatch(router(), Conn.request("PATCH", "/users"));
        assertEquals(405, conn.status());
        assertEquals(Optional.of("GET, POST"), conn.respHeader("allow"));
    }

    @Test
    void nestedScopesJoinPathsAndInheritPipelines() {
        Router router = router();
        assertEquals(401, ConnTest.get(router, "/api/admin/stats").status());
        Conn ok = ConnTest.dispatch(router, Conn.request("GET", "/api/admin/stats").putReqHeader("authorization", "t"));
        assertEquals(Map.of("user", "ada"), ConnTest.jsonResponse(ok, 200));
    }

    @Test
    void aHaltingPlugStopsTheActionFromRunning() {
        Conn conn = ConnTest.get(router(), "/api/admin/stats");
        assertTrue(conn.halted());
        assertEquals("login first", conn.respBody());
    }

    @Test
    void aPipelineCanRefuseAnUnacceptableFormat() {
        Conn conn = ConnTest.dispatch(router(), Conn.request("GET", "/api/users").putReqHeader("accept", "text/html"));
        assertEquals(406, conn.status());
    }

    @Test
    void answers400ForAMalformedJsonBodyBeforeRouting() {
        Conn conn = ConnTest.dispatch(router(), Conn.request("POST", "/users").withBody("application/json", "{"));
        assertEquals(400, conn.status());
        assertFalse(trail.contains("endpoint"));
    }

    @Test
    void unknownPipelineAndDuplicateRoutesFailAtBuild() {
        assertThrows(IllegalArgumentException.class, () -> Router.build(r -> r.scope("/", s -> {
            s.pipeThrough("nope");
            s.get("/", (c, p) -> c);
        })));
        assertThrows(IllegalArgumentException.class, () -> Router.build(r -> {
            r.get("/a", (c, p) -> c);
            r.get("/a", (c, p) -> c);
        }));
        assertThrows(IllegalArgumentException.class, () -> Router.build(r -> r.get("/a/:1bad", (c, p) -> c)));
    }

    @Test
    void anActionThatSendsNothingIsReportedWithItsRoute() {
        Router router = Router.build(r -> r.get("/x", (c, p) -> c.assign("a", 1)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConnTest.get(router, "/x"));
        assertTrue(e.getMessage().contains("GET /x"), e.getMessage());
    }

    @Test
    void serveTakesPlainStringsAndNeverThrows() {
        Router router = Router.build(r -> {
            r.post("/echo", (c, p) -> json(c, p));
            r.get("/boom", (c, p) -> { throw new IllegalStateException("kaboom"); });
        });
        Response ok = router.serve("POST", "/echo?x=1", "{\"a\": 2}");
        assertEquals(200, ok.status());
        assertEquals(Map.of("x", "1", "a", 2L), Json.decode(ok.body()));
        assertEquals("application/json; charset=utf-8", ok.headers().get("content-type"));
        Response form = router.serve("POST", "/echo", "a=1");
        assertEquals(Map.of("a", "1"), Json.decode(form.body()));
        Response boom = router.serve("GET", "/boom", "");
        assertEquals(500, boom.status());
        assertEquals("Internal Server Error: IllegalStateException: kaboom", boom.body());
        assertEquals(400, router.serve("GET", "no-slash", "").status());
        assertEquals(400, router.serve("POST", "/echo", "{bad").status());
    }

    @Test
    void routesListsEveryRouteLikePhxRoutes() {
        List<String> routes = router().routes();
        assertTrue(routes.contains("GET    /api/users/:id  UserController :show"), routes.toString());
        assertTrue(routes.contains("GET    /"), routes.toString());
    }

    @Test
    void theRouterTriedInThePageIsTheLastOneGivenAndShowsItsSize() {
        Router first = Router.build(r -> r.get("/a", (conn, params) -> Controller.text(conn, "a")));
        Router second = Router.build(r -> r.get("/b", (conn, params) -> Controller.text(conn, "b"))
                .get("/c", (conn, params) -> Controller.text(conn, "c")));
        assertSame(first, Router.tryInPage(first));
        Router.tryInPage(second);
        assertSame(second, Router.inPage().orElseThrow());
        assertEquals("Router[2 routes]", second.toString());
    }
}
