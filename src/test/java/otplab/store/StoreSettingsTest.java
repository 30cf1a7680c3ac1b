package otplab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where the store lives and how large its pool is, checked when built. */
class StoreSettingsTest {
    @Test
    void keepsTheDefaultPoolSizeAndConnectionWaitUnlessTold() {
        StoreSettings settings = StoreSettings.builder().url("jdbc:postgresql://db/class").build();
        assertEquals(StoreSettings.DEFAULT_POOL_SIZE, settings.poolSize());
        assertEquals(StoreSettings.DEFAULT_CONNECTION_WAIT, settings.connectionWait());
        assertEquals(7, StoreSettings.builder().url("jdbc:h2:mem:x").poolSize(7).build().poolSize());
    }

    @Test
    void refusesAPoolSizeOutsideOneToTheMost() {
        for (int bad : new int[] {0, -1, StoreSettings.MOST_POOL_SIZE + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StoreSettings.builder().url("jdbc:h2:mem:x").poolSize(bad).build());
            assertTrue(e.getMessage().contains("pool size must be from 1 to " + StoreSettings.MOST_POOL_SIZE), e.getMessage());
        }
    }

    @Test
    void refusesNoDatabaseAnotherKindOfDatabaseAndANonPositiveWait() {
        assertThrows(IllegalArgumentException.class, () -> StoreSettings.builder().build());
        IllegalArgumentException mysql = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.builder().url("jdbc:mysql://teacher:s3cret@db/class").build());
        assertFalse(mysql.getMessage().contains("s3cret"), mysql.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.builder().url("jdbc:h2:mem:x").connectionWait(Duration.ZERO).build());
    }

    @Test
    void describesTheDatabaseWithoutItsPassword() {
        assertEquals("jdbc:postgresql://db/class?user=teacher&password=***",
                StoreSettings.builder().url("jdbc:postgresql://db/class?user=teacher&password=s3cret").build().description());
        assertEquals("jdbc:postgresql://teacher:***@db/class",
                StoreSettings.builder().url("jdbc:postgresql://teacher:s3cret@db/class").build().description());
    }

    @Test
    void givesAnInMemoryH2DatabaseItsOwnRules() {
        assertTrue(StoreSettings.builder().url("jdbc:h2:mem:").build().inMemory());
        assertFalse(StoreSettings.builder().url("jdbc:h2:file:/tmp/x").build().inMemory());
    }
}
