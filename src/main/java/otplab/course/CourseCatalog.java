package otplab.course;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Course}. Requests read the snapshot without locking; a reload
 * (after files change) swaps in a new one and tells the listeners.
 */
public final class CourseCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(CourseCatalog.class);

    private final Path lessonsDir;
    private final Path exercisesDir;
    private final LessonLoader loader = new LessonLoader(new MarkdownRenderer());
    private final AtomicReference<Course> current = new AtomicReference<>();
    private final List<BiConsumer<Course, Course>> listeners = new CopyOnWriteArrayList<>();

    private CourseCatalog(Path lessonsDir, Path exercisesDir) {
        this.lessonsDir = lessonsDir;
        this.exercisesDir = exercisesDir;
    }

    /** Reads the course from its folders now. */
    public static CourseCatalog load(Path lessonsDir, Path exercisesDir) {
        Objects.requireNonNull(lessonsDir, "lessonsDir must not be null");
        Objects.requireNonNull(exercisesDir, "exercisesDir must not be null");
        CourseCatalog catalog = new CourseCatalog(lessonsDir, exercisesDir);
        catalog.current.set(catalog.read());
        return catalog;
    }

    public Course current() {
        return current.get();
    }

    public Path lessonsDir() {
        return lessonsDir;
    }

    public Path exercisesDir() {
        return exercisesDir;
    }

    /** Called with (before, after) each time the course is read again. */
    public void onReload(BiConsumer<Course, Course> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** Reads the folders again and tells the listeners. */
    public synchronized Course reload() {
        Course fresh = read();
        Course previous = current.getAndSet(fresh);
        for (BiConsumer<Course, Course> listener : listeners) {
            try {
                listener.accept(previous, fresh);
            } catch (RuntimeException failure) {
                LOG.error("a course reload listener failed", failure);
            }
        }
        return fresh;
    }

    private Course read() {
        Course course = Course.load(lessonsDir, exercisesDir, loader);
        course.problems().forEach(p -> LOG.warn("course problem: {}", p.describe()));
        course.invalidExercises().forEach(invalid -> LOG.warn("{} (run ./otplab check)", invalid.getMessage()));
        return course;
    }
}
