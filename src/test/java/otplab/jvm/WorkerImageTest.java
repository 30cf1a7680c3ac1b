package otplab.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerImageTest {

    @Test
    void aCacheMadeByAnotherRuntimeIsMadeAgainAndAFreshOneIsKept(@TempDir Path folder) throws Exception {
        Path built = WorkerSettings.defaults().workerJar();
        Path jar = Files.copy(built, folder.resolve("otplab-test-worker.jar"));
        // The framework and JUnit sit in lib/ beside the jar.
        Files.createSymbolicLink(folder.resolve("lib"), built.resolveSibling("lib"));
        Path cache = folder.resolve(WorkerImage.CACHE_NAME);
        Path stamp = folder.resolve(WorkerImage.STAMP_NAME);
        Files.writeString(cache, "not a cache");
        Files.writeString(stamp, "/opt/some-other-jdk\nJAVA_RUNTIME_VERSION=\"24\"\n");
        // Only the notebook cache is under test here: no grading runtime is linked into the folder.
        WorkerSettings settings = WorkerSettings.builder().workerJar(jar).classPathGrading(true).build();

        WorkerImage image = WorkerImage.prepare(settings);
        assertEquals(cache, image.aotCache().orElseThrow());
        assertNotEquals("not a cache", Files.readString(cache, StandardCharsets.ISO_8859_1));
        assertEquals(RoleRuntime.NOTEBOOK.folder(folder), image.notebookJavaHome(), "notebooks run on their linked runtime");
        assertTrue(Files.readString(stamp).startsWith(image.notebookJavaHome().toRealPath().toString()), Files.readString(stamp));

        FileTime made = Files.getLastModifiedTime(cache);
        WorkerImage.prepare(settings);
        assertEquals(made, Files.getLastModifiedTime(cache), "a fresh cache must not be made again");
    }
}
