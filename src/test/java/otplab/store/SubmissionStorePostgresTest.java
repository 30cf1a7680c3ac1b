package otplab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import otp.data.PostgresServer;

/**
 * The store on a real PostgreSQL server (the throwaway cluster of {@link PostgresServer}, or
 * {@code OTPLAB_TEST_POSTGRES_URL}); skipped with the reason when none can be had.
 */
class SubmissionStorePostgresTest extends SubmissionStoreContract {
    private static final int SERVERS_STARTING_AT_ONCE = 4;

    @Override
    SubmissionStore freshStore() {
        String reason = PostgresServer.unavailableReason();
        assumeTrue(reason == null, reason);
        dropEverything();
        return SubmissionStore.open(PostgresServer.url());
    }

    private static void dropEverything() {
        try (Connection c = DriverManager.getConnection(PostgresServer.url()); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS submissions");
            st.execute("DROP TABLE IF EXISTS lesson_cell_runs");
            st.execute("DROP TABLE IF EXISTS learner_names");
            st.execute("DROP TABLE IF EXISTS " + Migrations.VERSION_TABLE);
        } catch (SQLException e) {
            throw new AssertionError("cannot reset the test database", e);
        }
    }

    @Override
    SubmissionStore reopen() {
        return SubmissionStore.open(PostgresServer.url());
    }

    @Test
    void migratesOnceWhenSeveralServersOpenAnEmptyDatabaseAtOnce() throws Exception {
        store.close();
        dropEverything();
        CyclicBarrier startTogether = new CyclicBarrier(SERVERS_STARTING_AT_ONCE);
        List<SubmissionStore> opened = new ArrayList<>();
        try (ExecutorService servers = Executors.newFixedThreadPool(SERVERS_STARTING_AT_ONCE)) {
            List<Future<SubmissionStore>> starts = new ArrayList<>();
            for (int i = 0; i < SERVERS_STARTING_AT_ONCE; i++) {
                starts.add(servers.submit(() -> {
                    startTogether.await(60, TimeUnit.SECONDS);
                    return SubmissionStore.open(PostgresServer.url());
                }));
            }
            for (Future<SubmissionStore> start : starts) {
                opened.add(start.get(120, TimeUnit.SECONDS));
            }
        } finally {
            opened.forEach(SubmissionStore::close);
        }
        store = reopen();
        assertEquals(List.of(Migrations.latest()), store.withConnection(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM " + Migrations.VERSION_TABLE)) {
                List<Integer> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
                return versions;
            }
        }), "one version row, at the latest step");
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "pass", 3));
        assertEquals(1, store.allSubmissions().size());
    }
}
