package otp.data;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies migrations in version order, each once, recording versions in {@value #TABLE} as
 * {@code mix ecto.migrate} does.
 *
 * <pre>{@code
 * mix ecto.migrate                        Migrator.migrate(repo, migrations)      // versions applied now
 * mix ecto.migrations                     Migrator.appliedVersions(repo)
 * }</pre>
 */
public final class Migrator {
    /** Where applied versions are recorded, as in Ecto. */
    public static final String TABLE = "schema_migrations";

    private Migrator() {}

    /**
     * Runs every migration whose version is not yet recorded, lowest first, each in a transaction
     * with its version row (so a failing migration records nothing), and returns the versions run.
     */
    public static List<Long> migrate(Repo repo, List<Migration> migrations) {
        Set<Long> seen = new HashSet<>();
        for (Migration m : migrations) {
            if (!seen.add(m.version())) {
                throw new IllegalArgumentException("two migrations share version " + m.version());
            }
        }
        ensureTable(repo);
        Set<Long> applied = new HashSet<>(appliedVersions(repo));
        List<Migration> pending = migrations.stream().filter(m -> !applied.contains(m.version()))
                .sorted(Comparator.comparingLong(Migration::version)).toList();
        List<Long> ran = new ArrayList<>();
        for (Migration m : pending) {
            Result<Object, Object> result = repo.transaction(() -> {
                m.statements().forEach(repo::execute);
                repo.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO " + TABLE + " (version, inserted_at) VALUES (?, ?)")) {
                        ps.setLong(1, m.version());
                        ps.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
                        return ps.executeUpdate();
                    }
                }, "record migration " + m.version());
                return m.version();
            });
            ran.add((Long) result.orElseThrow());
        }
        return List.copyOf(ran);
    }

    /** The versions recorded as applied, in order. */
    public static List<Long> appliedVersions(Repo repo) {
        ensureTable(repo);
        return repo.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + TABLE + " ORDER BY version");
                 ResultSet rs = ps.executeQuery()) {
                List<Long> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getLong(1));
                }
                return versions;
            }
        }, "read " + TABLE);
    }

    private static void ensureTable(Repo repo) {
        repo.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (version BIGINT PRIMARY KEY, inserted_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
}
