package otplab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import otplab.course.CourseCatalog;

/**
 * What a {@link WebModule} can use: the configuration, the course, the page layout (so new
 * pages look like the rest) and the server's JSON mapper.
 */
public record ServerContext(ServerConfig config, CourseCatalog catalog, Pages pages, ObjectMapper json) {}
