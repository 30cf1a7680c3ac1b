import otp.web.Router;

/** The blog's router: an HTML scope and a JSON scope over the same controller. */
public final class BlogRouter {
    private BlogRouter() {
    }

    public static Router build(PostStore store) {
        throw new UnsupportedOperationException("the router is not implemented yet");
    }
}
