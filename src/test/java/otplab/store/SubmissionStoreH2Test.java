package otplab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's default: an H2 file under the data folder. */
class SubmissionStoreH2Test extends SubmissionStoreContract {
    @TempDir
    Path home;

    @Override
    SubmissionStore freshStore() {
        return SubmissionStore.fromEnvironment(Map.of(SubmissionStore.ENV_DATA_DIR, "class-data"), home);
    }

    @Override
    SubmissionStore reopen() {
        return freshStore();
    }

    @Test
    void keepsItsFileUnderTheDataFolder() {
        assertTrue(Files.exists(home.resolve("class-data").resolve(SubmissionStore.H2_FILE_NAME + ".mv.db")));
    }

    @Test
    void refusesADatabaseUrlThatIsNeitherPostgresqlNorH2WithoutShowingItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubmissionStore.fromEnvironment(
                Map.of(SubmissionStore.ENV_DATABASE_URL, "mysql://teacher:s3cret@db/class"), home));
        assertTrue(e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void refusesADatabaseWithANewerSchemaThanItKnows() {
        store.close();
        String url = "jdbc:h2:file:" + home.resolve("class-data").resolve(SubmissionStore.H2_FILE_NAME);
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.executeUpdate("UPDATE " + Migrations.VERSION_TABLE + " SET version = " + (Migrations.latest() + 1));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        StoreException e = assertThrows(StoreException.class, this::reopen);
        assertTrue(e.getMessage().contains("newer than this OTP Lab"), e.getMessage());
        store = SubmissionStore.open("jdbc:h2:mem:");
        assertEquals(0, store.allSubmissions().size());
    }

    @Test
    void takesItsPoolSizeFromTheEnvironment() {
        StoreSettings settings = StoreSettings.builder()
                .environment(Map.of(StoreSettings.ENV_DB_POOL_SIZE, "9", SubmissionStore.ENV_DATA_DIR, "class-data"), home).build();
        assertEquals(9, settings.poolSize());
        assertEquals(StoreSettings.DEFAULT_POOL_SIZE, StoreSettings.builder().environment(Map.of(), home).build().poolSize());
    }

    @Test
    void refusesAPoolSizeThatCannotWorkNamingTheVariable() {
        for (String bad : List.of("0", "-3", "1000", "many")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubmissionStore.fromEnvironment(
                    Map.of(StoreSettings.ENV_DB_POOL_SIZE, bad), home));
            assertTrue(e.getMessage().contains(StoreSettings.ENV_DB_POOL_SIZE), e.getMessage());
        }
    }

    @Test
    void saysWhichDatabaseCannotBeReachedWithoutShowingItsPassword() {
        StoreException e = assertThrows(StoreException.class, () -> SubmissionStore.open(StoreSettings.builder()
                .url("jdbc:postgresql://127.0.0.1:1/class?user=teacher&password=s3cret")
                .connectionWait(java.time.Duration.ofSeconds(1)).build()));
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:1/class"), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
    }
}
