package otplab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Submissions and progress in a database: an H2 file under the data folder by default, or the
 * PostgreSQL server a JDBC {@code DATABASE_URL} names. The schema is created or brought up to
 * date when the store opens, by one opener at a time (see {@link Migrations}).
 *
 * <p>Calls borrow a connection from a HikariCP pool ({@link StoreSettings#poolSize()}), so a
 * learner's progress is read while another learner's grading is recorded; the pool checks a
 * connection before lending it and replaces one that broke (a restarted PostgreSQL).
 */
public final class SubmissionStore implements AutoCloseable {
    public static final String ENV_DATABASE_URL = StoreSettings.ENV_DATABASE_URL;
    public static final String ENV_DATA_DIR = StoreSettings.ENV_DATA_DIR;
    public static final String DEFAULT_DATA_DIR = StoreSettings.DEFAULT_DATA_DIR;
    public static final String H2_FILE_NAME = StoreSettings.H2_FILE_NAME;
    private static final String POOL_NAME = "otplab-store";
    private static final TypeReference<Map<String, String>> FILES = new TypeReference<>() {};

    private final StoreSettings settings;
    private final HikariDataSource pool;
    private final ObjectMapper json = new ObjectMapper();

    private SubmissionStore(StoreSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Opens the database the settings name, creating or migrating its schema.
     *
     * @throws StoreException when the database cannot be reached or holds a schema this code does not know
     */
    public static SubmissionStore open(StoreSettings settings) {
        Objects.requireNonNull(settings, "settings must not be null");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(settings));
        } catch (RuntimeException unreachable) {
            Throwable cause = unreachable.getCause() != null ? unreachable.getCause() : unreachable;
            throw new StoreException("the submissions database (" + settings.description() + ") cannot be reached: "
                    + cause.getMessage(), unreachable);
        }
        SubmissionStore store = new SubmissionStore(settings, pool);
        try {
            store.withConnection(Migrations::migrate);
        } catch (StoreException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static HikariConfig poolConfig(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.url());
        config.setConnectionTimeout(settings.connectionWait().toMillis());
        if (settings.inMemory()) {
            // One connection that never retires: its database ends with it.
            config.setMaximumPoolSize(1);
            config.setMaxLifetime(0);
            config.setIdleTimeout(0);
        } else {
            config.setMaximumPoolSize(settings.poolSize());
        }
        return config;
    }

    /** Opens (creating or migrating the schema) the database at a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}). */
    public static SubmissionStore open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
        return open(StoreSettings.builder().url(jdbcUrl).build());
    }

    /** The H2 file database in a data folder (created when missing). */
    public static SubmissionStore inDataDir(Path dataDir) {
        return open(StoreSettings.builder().dataDir(dataDir).build());
    }

    /**
     * {@code DATABASE_URL} when set, else H2 under {@code DATA_DIR} (default {@code ./data}, relative to home), with
     * {@code OTPLAB_DB_POOL_SIZE} connections; read through {@code otp.config} (blank counts as unset).
     *
     * @throws IllegalArgumentException naming the variable when a value cannot work
     */
    public static SubmissionStore fromEnvironment(Map<String, String> env, Path home) {
        return open(StoreSettings.builder().environment(env, home).build());
    }

    /** The data folder {@code DATA_DIR} names (default {@code ./data}, relative to home), whether or not H2 lives there. */
    public static Path dataDir(Map<String, String> env, Path home) {
        return StoreSettings.dataDir(env, home);
    }

    /** Where the store lives, with any password left out (for start-up messages). */
    public String description() {
        return settings.description();
    }

    /** Records a submission and returns it with its id. */
    public Submission record(Submission s) {
        Objects.requireNonNull(s, "submission must not be null");
        String files = writeFiles(s.files());
        long id = withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO submissions (learner, exercise, kind, status, score,"
                    + " passed, total, files, results, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, s.learner());
                st.setString(2, s.exercise());
                st.setString(3, s.kind().name());
                st.setString(4, s.status());
                st.setDouble(5, s.score());
                st.setInt(6, s.passed());
                st.setInt(7, s.total());
                st.setString(8, files);
                st.setString(9, s.resultsJson());
                st.setObject(10, OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC));
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new Submission(id, s.learner(), s.exercise(), s.kind(), s.status(), s.score(), s.passed(), s.total(),
                s.files(), s.resultsJson(), s.createdAt());
    }

    /** One learner's submissions of one exercise (or of all when exercise is null), newest first. */
    public List<Submission> history(String learner, String exercise) {
        Objects.requireNonNull(learner, "learner must not be null");
        String sql = "SELECT * FROM submissions WHERE learner = ?" + (exercise == null ? "" : " AND exercise = ?")
                + " ORDER BY id DESC";
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, learner);
                if (exercise != null) {
                    st.setString(2, exercise);
                }
                return readAll(st);
            }
        });
    }

    /** Every submission (not test runs) of every learner, oldest first: the instructor's export. */
    public List<Submission> allSubmissions() {
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM submissions WHERE kind = ? ORDER BY id")) {
                st.setString(1, Submission.Kind.SUBMIT.name());
                return readAll(st);
            }
        });
    }

    /** A learner's progress per exercise they submitted to, by slug. */
    public Map<String, Progress> progress(String learner) {
        Objects.requireNonNull(learner, "learner must not be null");
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT exercise, COUNT(*), "
                    + "SUM(CASE WHEN status = 'pass' THEN 1 ELSE 0 END), MAX(score) FROM submissions "
                    + "WHERE learner = ? AND kind = ? GROUP BY exercise")) {
                st.setString(1, learner);
                st.setString(2, Submission.Kind.SUBMIT.name());
                Map<String, Progress> out = new TreeMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Progress(rs.getString(1), rs.getInt(2), rs.getInt(3) > 0, rs.getDouble(4)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Records that a learner's cell of a lesson ran as the lesson says it should; a second run of
     * the same cell only moves its time.
     */
    public void recordCellRun(String learner, String lesson, String cell, java.time.Instant at) {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(lesson, "lesson must not be null");
        Objects.requireNonNull(cell, "cell must not be null");
        Objects.requireNonNull(at, "at must not be null");
        withConnection(c -> {
            OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE lesson_cell_runs SET ran_at = ? WHERE learner = ? AND lesson = ? AND cell = ?")) {
                update.setObject(1, when);
                update.setString(2, learner);
                update.setString(3, lesson);
                update.setString(4, cell);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO lesson_cell_runs (learner, lesson, cell, ran_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, learner);
                insert.setString(2, lesson);
                insert.setString(3, cell);
                insert.setObject(4, when);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The cells of each lesson a learner ran, by lesson slug, with the time of the latest run. */
    public Map<String, LessonRuns> lessonRuns(String learner) {
        Objects.requireNonNull(learner, "learner must not be null");
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT lesson, cell, ran_at FROM lesson_cell_runs WHERE learner = ? ORDER BY lesson, cell")) {
                st.setString(1, learner);
                Map<String, java.util.Set<String>> cells = new TreeMap<>();
                Map<String, java.time.Instant> latest = new TreeMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String lesson = rs.getString(1);
                        cells.computeIfAbsent(lesson, l -> new java.util.TreeSet<>()).add(rs.getString(2));
                        java.time.Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
                        latest.merge(lesson, at, (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
                Map<String, LessonRuns> out = new TreeMap<>();
                cells.forEach((lesson, ran) -> out.put(lesson, new LessonRuns(lesson, ran, latest.get(lesson))));
                return out;
            }
        });
    }

    /** Sets the name a learner chose to show their instructor; a blank name removes it. */
    public void setLearnerName(String learner, String name) {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(name, "name must not be null");
        withConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM learner_names WHERE learner = ?")) {
                delete.setString(1, learner);
                delete.executeUpdate();
            }
            if (!name.isBlank()) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO learner_names (learner, name) VALUES (?, ?)")) {
                    insert.setString(1, learner);
                    insert.setString(2, name.strip());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Every name learners chose, by learner key. */
    public Map<String, String> learnerNames() {
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT learner, name FROM learner_names")) {
                Map<String, String> out = new TreeMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    /** Submissions, learners and pass rate per exercise, by slug. */
    public Map<String, ExerciseStats> statsByExercise() {
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT exercise, SUM(n), COUNT(*), "
                    + "SUM(CASE WHEN passes > 0 THEN 1 ELSE 0 END) FROM (SELECT exercise, learner, COUNT(*) AS n, "
                    + "SUM(CASE WHEN status = 'pass' THEN 1 ELSE 0 END) AS passes FROM submissions WHERE kind = ? "
                    + "GROUP BY exercise, learner) per_learner GROUP BY exercise")) {
                st.setString(1, Submission.Kind.SUBMIT.name());
                Map<String, ExerciseStats> out = new TreeMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        int learners = rs.getInt(3);
                        int passed = rs.getInt(4);
                        out.put(rs.getString(1), new ExerciseStats(rs.getString(1), rs.getInt(2), learners, passed,
                                learners == 0 ? 0 : (double) passed / learners));
                    }
                }
                return out;
            }
        });
    }

    private List<Submission> readAll(PreparedStatement st) throws SQLException {
        List<Submission> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Submission(rs.getLong("id"), rs.getString("learner"), rs.getString("exercise"),
                        Submission.Kind.valueOf(rs.getString("kind")), rs.getString("status"), rs.getDouble("score"),
                        rs.getInt("passed"), rs.getInt("total"), readFiles(rs.getString("files")), rs.getString("results"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()));
            }
        }
        return out;
    }

    private String writeFiles(Map<String, String> files) {
        try {
            return json.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("submitted files could not be written as JSON", e);
        }
    }

    private Map<String, String> readFiles(String text) throws SQLException {
        try {
            return json.readValue(text, FILES);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored submission holds unreadable files", e);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection of the pool, given back afterwards; a failure becomes a {@link StoreException}. */
    <T> T withConnection(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("the submissions database (" + description() + ") failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
