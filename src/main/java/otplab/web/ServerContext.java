package otplab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import otplab.course.CourseCatalog;

/**
 * What a {@link WebModule} can use: the configuration, the course, the page layout (so new
 * pages look like the rest), the server's JSON mapper, the {@code /metrics} registry and the
 * notice open pages get when the server starts to stop.
 */
public record ServerContext(ServerConfig config, CourseCatalog catalog, Pages pages, ObjectMapper json, Metrics metrics,
                            ShutdownNotice shutdown) {}
