package otp.data;

import java.util.concurrent.atomic.AtomicInteger;

/** The repo contract on H2 in memory, the database learners' code uses in the sandbox. */
class RepoH2Test extends RepoContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    Repo freshRepo() {
        return Repo.inMemory("repo_test_" + DATABASES.incrementAndGet());
    }
}
