package otplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import otplab.course.Course;
import otplab.web.CourseServer;

/**
 * {@code ./otplab serve --train-aot}: the server's AOT training run. The launcher starts it with
 * {@code -XX:AOTCacheOutput}; it serves on a free local port in production mode with no warm
 * workers, asks for what a learner opens first (the index, the first lesson of every part, the
 * lesson list, health, a page and an API path that do not exist), stops, and the JVM writes the
 * cache as it exits. The lessons asked for come from the course itself, so no slug is written
 * down anywhere.
 */
final class ServerTraining {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private ServerTraining() {}

    /** The server's environment for a training run: a free local port, production mode, no warm workers. */
    static Map<String, String> environment(Map<String, String> env) {
        Map<String, String> training = new HashMap<>(env);
        training.put("PORT", "0");
        training.put("HOST", "127.0.0.1");
        training.put("OTP_LAB_ENV", "prod");
        training.put("OTPLAB_POOL_SIZE", "0");
        return Map.copyOf(training);
    }

    /** The paths a learner's first visit asks for, in this course. */
    static List<String> paths(Course course) {
        List<String> paths = new ArrayList<>(List.of("/", "/api/lessons", "/healthz"));
        course.parts().forEach(part -> paths.add(part.lessons().getFirst().url()));
        paths.addAll(List.of("/nowhere", "/api/nowhere"));
        return List.copyOf(paths);
    }

    /** Asks the started server for every training path; one line per answer on {@code out}. */
    static int train(CourseServer server, PrintStream out, PrintStream err) {
        List<String> paths = paths(server.catalog().current());
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build()) {
            for (String path : paths) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()).resolve(path)).timeout(REQUEST_TIMEOUT).build();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                out.println("otplab: trained on " + path + " (" + response.statusCode() + ")");
            }
            return 0;
        } catch (IOException e) {
            err.println("otplab serve: the start-up training could not reach the server: " + e.getMessage());
            return ServeCommand.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServeCommand.EXIT_FAILED;
        } finally {
            server.stop();
        }
    }
}
