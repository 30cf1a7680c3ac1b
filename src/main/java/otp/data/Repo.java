package otp.data;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway to one database: the Java form of an Ecto repo. Reads return structs; writes take
 * changesets and return {@link Result}s, as Ecto returns {@code {:ok, _}} or {@code {:error, _}}.
 *
 * <pre>{@code
 * Repo.all(User)                        repo.all(USER)
 * Repo.all(query)                       repo.all(query)
 * Repo.get(User, id)                    repo.get(USER, id)            // Optional<Struct>
 * Repo.get!(User, id)                   repo.getBang(USER, id)        // throws NoResultsException
 * Repo.get_by(User, email: e)           repo.getBy(USER, Map.of("email", e))
 * Repo.one(query)                       repo.one(query)               // Optional; >1 row throws
 * Repo.aggregate(query, :count)         repo.count(query)
 * Repo.insert(changeset)                repo.insert(changeset)        // Result<Struct, Changeset>
 * Repo.update(changeset)                repo.update(changeset)
 * Repo.delete(user)                     repo.delete(user)
 * Repo.transaction(fn -> ... end)       repo.transaction(() -> ...)   // Result<T, Object>
 * Repo.rollback(value)                  repo.rollback(value)
 * }</pre>
 *
 * <p>A repo holds a small pool of JDBC connections and is safe to use from many processes at
 * once. Inside {@link #transaction} every call on the same thread uses the transaction's
 * connection. The same SQL runs on H2 and PostgreSQL.
 */
public final class Repo implements AutoCloseable {
    /** Connections kept open at most, like Ecto's {@code pool_size} default. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** How long a caller waits for a free connection before failing, like Ecto's {@code queue_target}. */
    public static final long CHECKOUT_TIMEOUT_MS = 5_000;
    private static final String UNIQUE_VIOLATION = "23505";
    /** Repos not closed yet: a node's restart closes them, and so drops its in-memory databases. */
    private static final java.util.Set<Repo> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        otp.NodeTables.atClear(() -> OPEN.forEach(Repo::close));
    }

    private final String url;
    private final String user;
    private final String password;
    private final int poolSize;
    private final BlockingQueue<Connection> idle;
    private final AtomicInteger opened = new AtomicInteger();
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private volatile boolean closed;

    private Repo(String url, String user, String password, int poolSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.poolSize = poolSize;
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    /** No row matched where one was required ({@code Ecto.NoResultsError}). */
    public static final class NoResultsException extends RuntimeException {
        NoResultsException(String message) {
            super(message);
        }
    }

    /** More than one row matched where at most one was expected ({@code Ecto.MultipleResultsError}). */
    public static final class MultipleResultsException extends RuntimeException {
        MultipleResultsException(String message) {
            super(message);
        }
    }

    /** An update or delete found no row: it was deleted meanwhile ({@code Ecto.StaleEntryError}). */
    public static final class StaleEntryException extends RuntimeException {
        StaleEntryException(String message) {
            super(message);
        }
    }

    /** The database refused a write for a constraint the changeset did not declare ({@code Ecto.ConstraintError}). */
    public static final class ConstraintException extends RuntimeException {
        ConstraintException(String message) {
            super(message);
        }
    }

    /** The database failed; the message carries the database's words. */
    public static final class DatabaseException extends RuntimeException {
        DatabaseException(String message, SQLException cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }

    private static final class Rollback extends RuntimeException {
        final transient Object value;
        final transient Repo repo;

        Rollback(Repo repo, Object value) {
            super(null, null, false, false);
            this.repo = repo;
            this.value = value;
        }
    }

    // ---- starting

    /** A private H2 database in memory, kept while the repo is open (the sandbox's database). */
    public static Repo inMemory(String name) {
        Objects.requireNonNull(name, "name must not be null");
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("an in-memory database name is letters, digits, _ and -: " + name);
        }
        return connect("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /**
     * Connects to {@code url}: a JDBC URL, or a {@code DATABASE_URL} such as
     * {@code postgres://user:secret@host:5432/app} (user and password read from it).
     */
    public static Repo connect(String url) {
        Objects.requireNonNull(url, "url must not be null");
        if (url.startsWith("jdbc:")) {
            return connect(url, null, null);
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a database URL starts with jdbc:, postgres:// or postgresql://, not "
                    + uri.getScheme() + "://");
        }
        String userInfo = uri.getRawUserInfo();
        String u = null;
        String p = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            u = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            p = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return connect(jdbc, u, p);
    }

    /** Connects with explicit credentials and the default pool size. */
    public static Repo connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    public static Repo connect(String jdbcUrl, String user, String password, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, not " + poolSize);
        }
        Repo repo = new Repo(jdbcUrl, user, password, poolSize);
        repo.release(repo.checkout());
        OPEN.add(repo);
        return repo;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    // ---- reading

    public List<Struct> all(Schema schema) {
        return all(Query.from(schema));
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> all(Query<T> query) {
        Query.Sql sql = query.toSql();
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql.sql(), sql.params())) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add((T) row(query, rs));
                    }
                    return rows;
                }
            }
        }, "query " + query.schema().table());
    }

    public <T> Optional<T> one(Query<T> query) {
        List<T> rows = all(query.limit(2));
        if (rows.size() > 1) {
            throw new MultipleResultsException("expected at most one result but got more from " + query);
        }
        return rows.stream().findFirst();
    }

    public long count(Query<?> query) {
        Query.Sql sql = query.countSql();
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql.sql(), sql.params()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }, "count " + query.schema().table());
    }

    /** The row with this primary key, cast to the key's type ({@code "7"} finds id 7). */
    public Optional<Struct> get(Schema schema, Object id) {
        return one(Query.from(schema).where(Query.field(schema.primaryKey().name()).eq(id)));
    }

    public Struct getBang(Schema schema, Object id) {
        return get(schema, id).orElseThrow(() -> new NoResultsException("expected " + schema.table()
                + " with " + schema.primaryKey().name() + " " + id + " but there is none"));
    }

    /** The one row whose fields equal {@code clauses}. */
    public Optional<Struct> getBy(Schema schema, Map<String, ?> clauses) {
        Query<Struct> q = Query.from(schema);
        for (Map.Entry<String, ?> e : clauses.entrySet()) {
            q = q.where(e.getValue() == null ? Query.field(e.getKey()).isNil() : Query.field(e.getKey()).eq(e.getValue()));
        }
        return one(q);
    }

    // ---- writing

    /** Inserts a struct as it is (every field as set). */
    public Result<Struct, Changeset> insert(Struct struct) {
        return insert(Changeset.change(struct, Map.of()));
    }

    /**
     * Inserts the changeset's struct with its changes. An invalid changeset is returned as
     * {@code Error} without touching the database; a unique violation the changeset declared
     * becomes an {@code Error} with the message on its field.
     */
    public Result<Struct, Changeset> insert(Changeset changeset) {
        if (!changeset.isValid()) {
            return Result.error(changeset.withAction("insert"));
        }
        Schema schema = changeset.data().schema();
        Map<String, Object> values = new LinkedHashMap<>(changeset.applyChanges());
        if (schema.hasTimestamps()) {
            Instant now = now();
            values.put(Schema.INSERTED_AT, now);
            values.put(Schema.UPDATED_AT, now);
        }
        String key = schema.primaryKey().name();
        if (schema.autogeneratesKey() && values.get(key) == null) {
            values.remove(key);
        } else if (values.get(key) == null) {
            throw new IllegalArgumentException(schema.table() + "." + key + " is not generated by the database;"
                    + " put a value in it before insert");
        }
        List<Object> params = new ArrayList<>(values.values());
        String sql = "INSERT INTO " + schema.table() + " (" + String.join(", ", values.keySet()) + ") VALUES ("
                + String.join(", ", values.keySet().stream().map(k -> "?").toList()) + ")";
        try {
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                    bind(ps, schema, new ArrayList<>(values.keySet()), params);
                    ps.executeUpdate();
                    if (!values.containsKey(key)) {
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            values.put(key, keys.getLong(key));
                        }
                    }
                }
                return Result.<Struct, Changeset>ok(changeset.data().merge(values, Struct.State.LOADED));
            }, "insert into " + schema.table());
        } catch (DatabaseException e) {
            return constraintError(changeset, "insert", e);
        }
    }

    /**
     * Updates the changed fields (and {@code updated_at}) of a loaded struct. With no changes nothing
     * is sent and the struct comes back as it is, as in Ecto.
     */
    public Result<Struct, Changeset> update(Changeset changeset) {
        if (!changeset.isValid()) {
            return Result.error(changeset.withAction("update"));
        }
        Struct data = changeset.data();
        Schema schema = data.schema();
        requireLoaded(data, "update");
        if (changeset.changes().isEmpty()) {
            return Result.ok(data);
        }
        Map<String, Object> changes = new LinkedHashMap<>(changeset.changes());
        if (schema.hasTimestamps()) {
            changes.put(Schema.UPDATED_AT, now());
        }
        List<String> columns = new ArrayList<>(changes.keySet());
        List<Object> params = new ArrayList<>(changes.values());
        columns.add(schema.primaryKey().name());
        params.add(data.id());
        String sql = "UPDATE " + schema.table() + " SET "
                + String.join(", ", changes.keySet().stream().map(k -> k + " = ?").toList())
                + " WHERE " + schema.primaryKey().name() + " = ?";
        try {
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(ps, schema, columns, params);
                    if (ps.executeUpdate() == 0) {
                        throw new StaleEntryException("cannot update " + schema.table() + " " + data.id()
                                + ": the row no longer exists");
                    }
                }
                return Result.<Struct, Changeset>ok(data.merge(changes, Struct.State.LOADED));
            }, "update " + schema.table());
        } catch (DatabaseException e) {
            return constraintError(changeset, "update", e);
        }
    }

    /** Deletes a loaded struct by its primary key; the result holds it marked deleted. */
    public Result<Struct, Changeset> delete(Struct struct) {
        requireLoaded(struct, "delete");
        Schema schema = struct.schema();
        String sql = "DELETE FROM " + schema.table() + " WHERE " + schema.primaryKey().name() + " = ?";
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, schema, List.of(schema.primaryKey().name()), List.of(struct.id()));
                if (ps.executeUpdate() == 0) {
                    throw new StaleEntryException("cannot delete " + schema.table() + " " + struct.id()
                            + ": the row no longer exists");
                }
            }
            return Result.ok(struct.withState(Struct.State.DELETED));
        }, "delete from " + schema.table());
    }

    // ---- transactions

    /**
     * Runs {@code work} in one transaction: {@code Ok(value)} when it returns, {@code Error(value)}
     * after {@link #rollback(Object)}. An exception rolls back and propagates. Nested calls join the
     * outer transaction.
     */
    public <T> Result<T, Object> transaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work must not be null");
        if (transaction.get() != null) {
            return Result.ok(work.get());
        }
        Connection c = checkout();
        try {
            c.setAutoCommit(false);
            transaction.set(c);
            T value;
            try {
                value = work.get();
            } catch (Rollback r) {
                c.rollback();
                if (r.repo != this) {
                    throw r;
                }
                return Result.error(r.value);
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
            c.commit();
            return Result.ok(value);
        } catch (SQLException e) {
            throw new DatabaseException("transaction failed", e);
        } finally {
            transaction.remove();
            try {
                c.setAutoCommit(true);
                release(c);
            } catch (SQLException e) {
                discard(c);
            }
        }
    }

    /** Ends the current transaction, which then returns {@code Error(value)}. */
    public void rollback(Object value) {
        if (transaction.get() == null) {
            throw new IllegalStateException("rollback is only allowed inside repo.transaction(...)");
        }
        throw new Rollback(this, value);
    }

    public boolean inTransaction() {
        return transaction.get() != null;
    }

    // ---- raw SQL for migrations

    void execute(String sql) {
        withConnection(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        }, "run " + sql);
    }

    <T> T withConnection(SqlWork<T> work, String what) {
        Connection tx = transaction.get();
        if (tx != null) {
            try {
                return work.run(tx);
            } catch (SQLException e) {
                throw new DatabaseException(what + " failed", e);
            }
        }
        Connection c = checkout();
        boolean healthy = true;
        try {
            return work.run(c);
        } catch (SQLException e) {
            healthy = isUsable(c);
            throw new DatabaseException(what + " failed", e);
        } finally {
            if (healthy) {
                release(c);
            } else {
                discard(c);
            }
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public void close() {
        closed = true;
        OPEN.remove(this);
        if (url.startsWith("jdbc:h2:mem:")) {
            try (Connection c = open(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                // The database is going away either way; nothing is left to release.
            }
        }
        Connection c;
        while ((c = idle.poll()) != null) {
            discard(c);
        }
    }

    @Override
    public String toString() {
        return "Repo[" + url.replaceAll("password=[^&;]*", "password=***") + "]";
    }

    // ---- internals

    private Object row(Query<?> query, ResultSet rs) throws SQLException {
        Schema schema = query.schema();
        List<String> fields = query.selected();
        return switch (query.shape()) {
            case VALUE -> schema.column(fields.getFirst()).type().read(rs, 1);
            case MAP -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    m.put(fields.get(i), schema.column(fields.get(i)).type().read(rs, i + 1));
                }
                yield Collections.unmodifiableMap(m);
            }
            case STRUCT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    m.put(fields.get(i), schema.column(fields.get(i)).type().read(rs, i + 1));
                }
                yield new Struct(schema, m, Struct.State.LOADED);
            }
        };
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof Instant instant) {
                Type.UTC_DATETIME.bind(ps, i + 1, instant);
            } else {
                ps.setObject(i + 1, v);
            }
        }
        return ps;
    }

    private static void bind(PreparedStatement ps, Schema schema, List<String> columns, List<Object> values)
            throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            schema.column(columns.get(i)).type().bind(ps, i + 1, values.get(i));
        }
    }

    private Result<Struct, Changeset> constraintError(Changeset changeset, String action, DatabaseException e) {
        if (!(e.getCause() instanceof SQLException sql) || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            throw e;
        }
        String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
        for (Changeset.Constraint constraint : changeset.constraints()) {
            if (message.contains(constraint.name())) {
                return Result.error(changeset.addError(constraint.field(), constraint.message(), "unique")
                        .withAction(action));
            }
        }
        throw new ConstraintException("the database refused the " + action + " for a unique index the changeset"
                + " does not declare (" + sql.getMessage() + "); add uniqueConstraint(field) to the changeset to get an"
                + " error on the field instead");
    }

    private static void requireLoaded(Struct struct, String action) {
        if (struct.state() != Struct.State.LOADED) {
            throw new IllegalArgumentException("cannot " + action + " a struct that is " + struct.state()
                    .name().toLowerCase(Locale.ROOT) + "; " + action + " a struct loaded from the repo or returned by insert");
        }
        if (struct.id() == null) {
            throw new IllegalArgumentException("cannot " + action + " a struct without a primary key");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private Connection checkout() {
        if (closed) {
            throw new IllegalStateException("this repo is closed");
        }
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        while (true) {
            int n = opened.get();
            if (n < poolSize) {
                if (opened.compareAndSet(n, n + 1)) {
                    try {
                        return open();
                    } catch (RuntimeException e) {
                        opened.decrementAndGet();
                        throw e;
                    }
                }
                continue;
            }
            try {
                c = idle.poll(CHECKOUT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a database connection");
            }
            if (c == null) {
                throw new IllegalStateException("no database connection became free within " + CHECKOUT_TIMEOUT_MS
                        + " ms (pool size " + poolSize + ")");
            }
            return c;
        }
    }

    private Connection open() {
        try {
            return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new DatabaseException("cannot connect to " + this, e);
        }
    }

    private void release(Connection c) {
        if (closed || !idle.offer(c)) {
            discard(c);
        }
    }

    private void discard(Connection c) {
        opened.decrementAndGet();
        try {
            c.close();
        } catch (SQLException e) {
            // A connection that fails to close is gone anyway.
        }
    }

    private static boolean isUsable(Connection c) {
        try {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
