package otplab.web;

/**
 * Adds named figures to {@code GET /healthz}, e.g. the runner's pool:
 * {@code config.health("pool", () -> Map.of("idle", pool.idle(), "busy", pool.busy()))}.
 * Whatever it returns is written as JSON under its name. Throwing marks the server
 * {@code "degraded"} (HTTP 503) and shows the failure's message under the name.
 */
@FunctionalInterface
public interface HealthContributor {
    Object health() throws Exception;
}
