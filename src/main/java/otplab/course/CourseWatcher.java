package otplab.course;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Author mode: watches the lesson and exercise folders and reloads the catalog when a file
 * changes. Bursts of events (an editor's save is often several) become one reload.
 */
public final class CourseWatcher implements AutoCloseable {
    /** Quiet time after the last event before reloading, so a burst of saves reloads once. */
    public static final long SETTLE_MS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(CourseWatcher.class);

    private final CourseCatalog catalog;
    private final WatchService watchService;
    private final Thread thread;

    private CourseWatcher(CourseCatalog catalog, WatchService watchService) {
        this.catalog = catalog;
        this.watchService = watchService;
        this.thread = Thread.ofPlatform().daemon().name("course-watcher").unstarted(this::watch);
    }

    /** Starts watching; folders that do not exist are skipped. */
    public static CourseWatcher start(CourseCatalog catalog) throws IOException {
        Objects.requireNonNull(catalog, "catalog must not be null");
        WatchService service = FileSystems.getDefault().newWatchService();
        CourseWatcher watcher = new CourseWatcher(catalog, service);
        watcher.register(catalog.lessonsDir(), false);
        watcher.register(catalog.exercisesDir(), true);
        watcher.thread.start();
        return watcher;
    }

    private void register(Path dir, boolean recursive) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (!recursive) {
            registerOne(dir);
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                registerOne(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void registerOne(Path dir) throws IOException {
        dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                drain(key);
                WatchKey more;
                while ((more = watchService.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                registerNewExerciseFolders();
                catalog.reload();
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unexpected) {
            LOG.error("the course watcher stopped; restart the server to see edits again", unexpected);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void registerNewExerciseFolders() {
        try {
            register(catalog.exercisesDir(), true);
        } catch (IOException unreadable) {
            LOG.warn("cannot watch {}: {}", catalog.exercisesDir(), unreadable.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException ignored) {
            LOG.debug("closing the watch service failed", ignored);
        }
        thread.interrupt();
    }
}
