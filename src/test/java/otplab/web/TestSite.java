package otplab.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real course server for tests: started on a free port with a temporary copy of a lesson
 * fixture ({@code src/test/resources/fixtures/<name>/lessons}), in author mode.
 */
public final class TestSite implements AutoCloseable {
    private final Path root;
    private final CourseServer server;

    private TestSite(Path root, CourseServer server) {
        this.root = root;
        this.server = server;
    }

    /** Starts a server on a copy of fixture {@code fixture}; {@code configure} may add modules and health figures. */
    public static TestSite start(String fixture, Consumer<ServerConfig.Builder> configure) {
        return start(fixture, (config, scratch) -> configure.accept(config));
    }

    /**
     * As {@link #start(String, Consumer)}; {@code configure} also gets an empty scratch folder (for a
     * data directory, say) that is deleted with the site, after the server has stopped.
     */
    public static TestSite start(String fixture, BiConsumer<ServerConfig.Builder, Path> configure) {
        try {
            Path root = Files.createTempDirectory("otplab-site-");
            Path lessons = Files.createDirectories(root.resolve("lessons"));
            Path exercises = Files.createDirectories(root.resolve("exercises"));
            Path scratch = Files.createDirectories(root.resolve("scratch"));
            copyFixture(fixture, root);
            CourseServer server = CourseServer.create(config -> {
                config.port(0).host("127.0.0.1").lessonsDir(lessons).exercisesDir(exercises).authorMode(true);
                configure.accept(config, scratch);
            }).start();
            return new TestSite(root, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFixture(String fixture, Path target) throws IOException {
        URL url = TestSite.class.getResource("/fixtures/" + fixture);
        if (url == null) {
            throw new IllegalArgumentException("no fixture src/test/resources/fixtures/" + fixture);
        }
        Path source;
        try {
            source = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path dest = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(file, dest);
                }
            }
        }
    }

    public CourseServer server() {
        return server;
    }

    /** An absolute URL on this server, e.g. {@code url("/lessons/first-steps")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public Path lessonsDir() {
        return root.resolve("lessons");
    }

    /** Writes (or replaces) a lesson file; the watcher reloads the course shortly after. */
    public Path writeLesson(String fileName, String text) {
        try {
            return Files.writeString(lessonsDir().resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the course again now, without waiting for the watcher. */
    public void reload() {
        server.catalog().reload();
    }

    @Override
    public void close() {
        server.stop();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
