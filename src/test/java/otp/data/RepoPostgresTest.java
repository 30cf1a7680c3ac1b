package otp.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repo contract on a real PostgreSQL server (see {@link PostgresServer}). When no server can
 * be had, every test is reported skipped with the reason (checked per test rather than per class,
 * so the report counts them as skipped instead of showing no tests at all).
 */
class RepoPostgresTest extends RepoContract {
    @Override
    Repo freshRepo() {
        String reason = PostgresServer.unavailableReason();
        assumeTrue(reason == null, reason);
        Repo repo = Repo.connect(PostgresServer.url());
        repo.execute("DROP SCHEMA public CASCADE");
        repo.execute("CREATE SCHEMA public");
        return repo;
    }
}
