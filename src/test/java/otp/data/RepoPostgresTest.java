package otp.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The repo contract on a real PostgreSQL server (see {@link PostgresServer}); skipped, with the
 * reason, when no server can be had.
 */
class RepoPostgresTest extends RepoContract {
    @BeforeAll
    static void requirePostgres() {
        String reason = PostgresServer.unavailableReason();
        assumeTrue(reason == null, reason);
    }

    @Override
    Repo freshRepo() {
        Repo repo = Repo.connect(PostgresServer.url());
        repo.execute("DROP SCHEMA public CASCADE");
        repo.execute("CREATE SCHEMA public");
        return repo;
    }
}
