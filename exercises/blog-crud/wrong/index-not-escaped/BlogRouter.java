import static otp.web.ResourceController.ResourceAction.CREATE;
import static otp.web.ResourceController.ResourceAction.DELETE;
import static otp.web.ResourceController.ResourceAction.INDEX;
import static otp.web.ResourceController.ResourceAction.SHOW;
import static otp.web.ResourceController.ResourceAction.UPDATE;

import otp.web.Plugs;
import otp.web.Router;

/** The blog's router: an HTML scope and a JSON scope over the same controller. */
public final class BlogRouter {
    private BlogRouter() {
    }

    public static Router build(PostStore store) {
        PostController posts = new PostController(store);
        return Router.build(r -> {
            r.pipeline("browser", p -> p.plug(Plugs.accepts("html")).plug(Plugs.putSecureBrowserHeaders()));
            r.pipeline("api", p -> p.plug(Plugs.accepts("json")));
            r.scope("/", s -> {
                s.pipeThrough("browser");
                s.resources("/posts", posts, Router.Resources.only(INDEX, SHOW));
            });
            r.scope("/api", s -> {
                s.pipeThrough("api");
                s.resources("/posts", posts, Router.Resources.only(INDEX, SHOW, CREATE, UPDATE, DELETE));
            });
        });
    }
}
