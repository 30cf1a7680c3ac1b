package otplab.web;

import io.javalin.config.JavalinConfig;

/**
 * A feature that adds routes to the course server (the runner's {@code /api/run}, the
 * grader's exercise pages, ...). Installed in the order given to {@link ServerConfig.Builder#module}.
 * Throw {@link HttpProblem} from handlers for a 4xx answer: {@code {"error": ...}} under
 * {@code /api/}, an HTML page elsewhere.
 */
@FunctionalInterface
public interface WebModule {
    void install(JavalinConfig javalin, ServerContext context);

    /**
     * Words this module adds to every page's {@code data-features} (e.g. {@code progress}), so
     * page scripts call its routes only on a server that has them.
     */
    default java.util.Set<String> pageFeatures() {
        return java.util.Set.of();
    }
}
