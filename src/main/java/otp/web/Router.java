package otp.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import otp.web.ResourceController.ResourceAction;

/**
 * Matches a request to an action through named pipelines: the Java form of a Phoenix router.
 *
 * <pre>{@code
 * defmodule MyAppWeb.Router do                    Router router = Router.build(r -> {
 *   pipeline :api do                                  r.pipeline("api", p -> p.plug(Plugs.accepts("json")));
 *     plug :accepts, ["json"]
 *   end
 *   scope "/api" do                                   r.scope("/api", s -> {
 *     pipe_through :api                                   s.pipeThrough("api");
 *     get "/ping", PingController, :ping                  s.get("/ping", PingController::ping);
 *     resources "/users", UserController,                 s.resources("/users", new UserController(),
 *       only: [:index, :show]                                     Resources.only(INDEX, SHOW));
 *   end                                               });
 * end                                             });
 * }</pre>
 *
 * <p>Routes match in the order they were defined. A path that no route matches gets 404; a path
 * that matches only under other methods gets 405 with an {@code allow} header. A router is
 * immutable and safe to share between processes.
 */
public final class Router implements Plug {
    private static volatile Router inPage;

    static {
        otp.NodeTables.atClear(() -> inPage = null);
    }

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()+,;=@-]+");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-zA-Z0-9_]*");

    private final List<Plug> endpointPlugs;
    private final List<Route> routes;

    private Router(List<Plug> endpointPlugs, List<Route> routes) {
        this.endpointPlugs = endpointPlugs;
        this.routes = routes;
    }

    /** Builds a router; every mistake in the definition (unknown pipeline, bad path) is reported here. */
    public static Router build(Consumer<Builder> config) {
        Objects.requireNonNull(config, "config must not be null");
        Builder builder = new Builder();
        config.accept(builder);
        return builder.finish();
    }

    /** Options of {@code resources}: which of the seven actions to route. */
    public record Resources(Set<ResourceAction> actions) {
        public Resources {
            actions = Set.copyOf(actions);
        }

        /** {@code only: [...]}: these actions and no other. */
        public static Resources only(ResourceAction... actions) {
            return new Resources(EnumSet.copyOf(Arrays.asList(actions)));
        }

        /** {@code except: [...]}: every action but these. */
        public static Resources except(ResourceAction... actions) {
            EnumSet<ResourceAction> all = EnumSet.allOf(ResourceAction.class);
            Arrays.asList(actions).forEach(all::remove);
            return new Resources(all);
        }

        /** All seven actions (still limited to those the controller defines). */
        public static Resources all() {
            return new Resources(EnumSet.allOf(ResourceAction.class));
        }
    }

    /** The plugs of one named pipeline. */
    public static final class Pipeline {
        private final List<Plug> plugs = new ArrayList<>();

        public Pipeline plug(Plug plug) {
            plugs.add(Objects.requireNonNull(plug, "plug must not be null"));
            return this;
        }

        public <O> Pipeline plug(Plug.Module<O> module, O opts) {
            return plug(Plug.of(module, opts));
        }
    }

    /** A scope: a path prefix and the pipelines its routes go through. */
    public static class Scope {
        final Builder root;
        final String prefix;
        final List<String> pipelines;

        Scope(Builder root, String prefix, List<String> inherited) {
            this.root = root != null ? root : (Builder) this;
            this.prefix = prefix;
            this.pipelines = new ArrayList<>(inherited);
        }

        /** {@code pipe_through [:browser, :auth]}: routes defined after this go through these pipelines. */
        public Scope pipeThrough(String... names) {
            for (String name : names) {
                pipelines.add(Objects.requireNonNull(name, "pipeline name must not be null"));
            }
            return this;
        }

        /** A nested scope whose path is appended to this one's, inheriting its pipelines. */
        public Scope scope(String path, Consumer<Scope> body) {
            Scope inner = new Scope(root, join(prefix, checkPath(path)), pipelines);
            body.accept(inner);
            return this;
        }

        public Scope get(String path, Action action) {
            return route("GET", path, action, "");
        }

        public Scope post(String path, Action action) {
            return route("POST", path, action, "");
        }

        public Scope put(String path, Action action) {
            return route("PUT", path, action, "");
        }

        public Scope patch(String path, Action action) {
            return route("PATCH", path, action, "");
        }

        public Scope delete(String path, Action action) {
            return route("DELETE", path, action, "");
        }

        /** Routes every action the controller defines. */
        public Scope resources(String path, ResourceController controller) {
            return resources(path, controller, Resources.all());
        }

        /**
         * Routes the chosen actions of a resource. Naming an action in {@code only} that the
         * controller does not define is an error, caught here rather than at request time.
         */
        public Scope resources(String path, ResourceController controller, Resources options) {
            Objects.requireNonNull(controller, "controller must not be null");
            Objects.requireNonNull(options, "options must not be null");
            String base = checkPath(path);
            String name = controller.getClass().getSimpleName();
            for (ResourceAction action : ResourceAction.values()) {
                if (!options.actions().contains(action)) {
                    continue;
                }
                if (!defines(controller, action)) {
                    if (options.actions().size() < ResourceAction.values().length) {
                        throw new IllegalArgumentException("resources \"" + base + "\" asks for :"
                                + action.name().toLowerCase() + " but " + name + " does not define "
                                + action.methodName() + "(Conn, Map<String, Object>)");
                    }
                    continue;
                }
                String label = name + " :" + action.name().toLowerCase();
                switch (action) {
                    case INDEX -> route("GET", base, controller::index, label);
                    case NEW -> route("GET", base + "/new", controller::newForm, label);
                    case CREATE -> route("POST", base, controller::create, label);
                    case SHOW -> route("GET", base + "/:id", controller::show, label);
                    case EDIT -> route("GET", base + "/:id/edit", controller::edit, label);
                    case UPDATE -> {
                        route("PATCH", base + "/:id", controller::update, label);
                        route("PUT", base + "/:id", controller::update, label);
                    }
                    case DELETE -> route("DELETE", base + "/:id", controller::delete, label);
                }
            }
            return this;
        }

        private Scope route(String method, String path, Action action, String label) {
            Objects.requireNonNull(action, "action must not be null");
            String full = join(prefix, checkPath(path));
            root.routes.add(new PendingRoute(method, full, List.copyOf(pipelines), action, label));
            return this;
        }

        private static boolean defines(ResourceController controller, ResourceAction action) {
            try {
                return controller.getClass().getMethod(action.methodName(), Conn.class, Map.class)
                        .getDeclaringClass() != ResourceController.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    }

    /** The router definition: pipelines, endpoint plugs and the root scope {@code "/"}. */
    public static final class Builder extends Scope {
        private final Map<String, Pipeline> pipelineDefs = new LinkedHashMap<>();
        private final List<Plug> endpointPlugs = new ArrayList<>();
        private final List<PendingRoute> routes = new ArrayList<>();

        Builder() {
            super(null, "", List.of());
        }

        /** {@code pipeline :name do ... end}. */
        public Builder pipeline(String name, Consumer<Pipeline> body) {
            Objects.requireNonNull(name, "name must not be null");
            if (pipelineDefs.containsKey(name)) {
                throw new IllegalArgumentException("pipeline :" + name + " is defined twice");
            }
            Pipeline pipeline = new Pipeline();
            body.accept(pipeline);
            pipelineDefs.put(name, pipeline);
            return this;
        }

        /** A plug that runs for every request before routing, as an endpoint plug does. */
        public Builder plug(Plug plug) {
            endpointPlugs.add(Objects.requireNonNull(plug, "plug must not be null"));
            return this;
        }

        private Router finish() {
            List<Route> built = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (PendingRoute p : routes) {
                List<Plug> plugs = new ArrayList<>();
                for (String name : p.pipelines()) {
                    Pipeline pipeline = pipelineDefs.get(name);
                    if (pipeline == null) {
                        throw new IllegalArgumentException("route " + p.method() + " " + p.path()
                                + " pipes through :" + name + " but no pipeline :" + name + " is defined; defined: "
                                + pipelineDefs.keySet());
                    }
                    plugs.addAll(pipeline.plugs);
                }
                if (!seen.add(p.method() + " " + p.path())) {
                    throw new IllegalArgumentException("route " + p.method() + " " + p.path() + " is defined twice");
                }
                built.add(new Route(p.method(), p.path(), compile(p.path()), List.copyOf(plugs), p.action(), p.label()));
            }
            return new Router(List.copyOf(endpointPlugs), List.copyOf(built));
        }
    }

    private record PendingRoute(String method, String path, List<String> pipelines, Action action, String label) {}

    private record Route(String method, String path, List<String> pattern, List<Plug> plugs, Action action,
                         String label) {
        Map<String, String> match(List<String> segments) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String part = pattern.get(i);
                if (part.startsWith("*")) {
                    params.put(part.substring(1), String.join("/", segments.subList(Math.min(i, segments.size()),
                            segments.size())));
                    return params;
                }
                if (i >= segments.size()) {
                    return null;
                }
                if (part.startsWith(":")) {
                    params.put(part.substring(1), segments.get(i));
                } else if (!part.equals(segments.get(i))) {
                    return null;
                }
            }
            return pattern.size() == segments.size() ? params : null;
        }
    }

    /**
     * Dispatches a request: parses its body, runs the endpoint plugs, finds the route, runs its
     * pipelines and then its action. Exceptions thrown by plugs and actions propagate, as they do
     * in a Phoenix test; {@link #serve} turns them into a 500.
     */
    @Override
    public Conn call(Conn conn) {
        Conn current;
        try {
            current = conn.parseBody();
        } catch (Conn.BadRequestException e) {
            return Controller.text(conn.putStatus(e.status()), e.getMessage()).halt();
        }
        current = Plug.run(current, endpointPlugs);
        if (current.halted()) {
            return current;
        }
        List<String> segments = decodeSegments(current.path());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            if (!route.method().equals(current.method())) {
                allowed.add(route.method());
                continue;
            }
            return invoke(route, current.withPathParams(params));
        }
        if (!allowed.isEmpty()) {
            return Controller.text(current.putRespHeader("allow", String.join(", ", allowed)).putStatus(405),
                    "Method Not Allowed: " + current.path() + " answers " + String.join(", ", allowed)
                            + ", not " + current.method());
        }
        return Controller.text(current.putStatus(404),
                "Not Found: no route for " + current.method() + " " + current.path());
    }

    private static Conn invoke(Route route, Conn conn) {
        Conn piped = Plug.run(conn, route.plugs());
        if (piped.halted()) {
            return piped;
        }
        Conn result = route.action().call(piped, piped.params());
        if (result == null || !result.sent()) {
            throw new IllegalStateException("the action for " + route.method() + " " + route.path()
                    + (route.label().isEmpty() ? "" : " (" + route.label() + ")")
                    + " returned " + (result == null ? "null" : "a conn without a response")
                    + "; end it with json(...), html(...), text(...) or redirect(...)");
        }
        return result;
    }

    /**
     * Serves one request given as plain strings and never throws: the entry point for an HTTP
     * adapter such as a lesson page's request panel. A learner's exception becomes a 500 whose
     * body names it; a malformed request becomes a 400.
     *
     * @param headers request headers; a non-blank body without a content type is taken as JSON when
     *                it starts with '{' or '[', and as a form otherwise
     */
    public Response serve(String method, String target, Map<String, String> headers, String body) {
        Conn conn;
        try {
            conn = Conn.request(method, target);
            for (Map.Entry<String, String> h : headers.entrySet()) {
                conn = conn.putReqHeader(h.getKey(), h.getValue());
            }
            if (body != null && !body.isBlank()) {
                String type = conn.reqHeader("content-type").orElse(guessType(body));
                conn = conn.withBody(type, body);
            }
        } catch (RuntimeException e) {
            return new Response(400, Map.of("content-type", "text/plain; charset=utf-8"),
                    "Bad Request: " + e.getMessage());
        }
        try {
            return Response.of(call(conn));
        } catch (RuntimeException | StackOverflowError e) {
            return new Response(500, Map.of("content-type", "text/plain; charset=utf-8"),
                    "Internal Server Error: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * Makes this router the one the lesson page's request panel talks to (a cell marked
     * {@code router}); the last router given wins. In Phoenix the endpoint's {@code plug MyAppWeb.Router}
     * plays this part.
     *
     * <pre>{@code
     * plug MyAppWeb.Router              Router.tryInPage(router);
     * }</pre>
     *
     * @return the same router, so a cell can write {@code var router = Router.tryInPage(Router.build(...))}
     */
    public static Router tryInPage(Router router) {
        inPage = Objects.requireNonNull(router, "router must not be null");
        return router;
    }

    /** The router the page's request panel talks to, once a cell has called {@link #tryInPage}. */
    public static Optional<Router> inPage() {
        return Optional.ofNullable(inPage);
    }

    /** {@link #serve(String, String, Map, String)} without headers. */
    public Response serve(String method, String target, String body) {
        return serve(method, target, Map.of(), body);
    }

    /** Shown as a cell's value: how many routes it has. */
    @Override
    public String toString() {
        return "Router[" + routes.size() + (routes.size() == 1 ? " route]" : " routes]");
    }

    /** One line per route, like {@code mix phx.routes}: method, path and, when known, controller and action. */
    public List<String> routes() {
        List<String> lines = new ArrayList<>();
        for (Route r : routes) {
            lines.add(String.format("%-6s %s%s", r.method(), r.path(), r.label().isEmpty() ? "" : "  " + r.label()));
        }
        return Collections.unmodifiableList(lines);
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> decodeSegments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : segments(path)) {
            try {
                out.add(Conn.urlDecode(s.replace("+", "%2B")));
            } catch (IllegalArgumentException e) {
                out.add(s);
            }
        }
        return out;
    }

    private static String checkPath(String path) {
        Objects.requireNonNull(path, "path must not be null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/': \"" + path + "\"");
        }
        return path;
    }

    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<String> compile(String path) {
        List<String> parts = segments(path);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith(":") || part.startsWith("*")) {
                if (!NAME.matcher(part.substring(1)).matches()) {
                    throw new IllegalArgumentException("bad parameter name '" + part + "' in route \"" + path + "\"");
                }
                if (part.startsWith("*") && i != parts.size() - 1) {
                    throw new IllegalArgumentException("a glob '" + part + "' must be the last segment of \"" + path + "\"");
                }
            } else if (!LITERAL.matcher(part).matches()) {
                throw new IllegalArgumentException("bad segment '" + part + "' in route \"" + path + "\"");
            }
        }
        return List.copyOf(parts);
    }

    private static String guessType(String body) {
        String t = body.stripLeading();
        return t.startsWith("{") || t.startsWith("[") ? "application/json" : "application/x-www-form-urlencoded";
    }
}
