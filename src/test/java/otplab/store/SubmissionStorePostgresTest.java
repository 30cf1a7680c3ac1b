package otplab.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import otp.data.PostgresServer;

/**
 * The store on a real PostgreSQL server (the throwaway cluster of {@link PostgresServer}, or
 * {@code OTPLAB_TEST_POSTGRES_URL}); skipped with the reason when none can be had.
 */
class SubmissionStorePostgresTest extends SubmissionStoreContract {
    @Override
    SubmissionStore freshStore() {
        String reason = PostgresServer.unavailableReason();
        assumeTrue(reason == null, reason);
        try (Connection c = DriverManager.getConnection(PostgresServer.url()); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS submissions");
            st.execute("DROP TABLE IF EXISTS lesson_cell_runs");
            st.execute("DROP TABLE IF EXISTS learner_names");
            st.execute("DROP TABLE IF EXISTS " + Migrations.VERSION_TABLE);
        } catch (SQLException e) {
            throw new AssertionError("cannot reset the test database", e);
        }
        return SubmissionStore.open(PostgresServer.url());
    }

    @Override
    SubmissionStore reopen() {
        return SubmissionStore.open(PostgresServer.url());
    }
}
