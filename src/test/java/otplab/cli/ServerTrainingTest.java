package otplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import otplab.course.Course;
import otplab.course.CourseCatalog;
import otplab.web.CourseServer;

/** The server's AOT training asks for what a learner opens first, chosen from the course itself. */
class ServerTrainingTest {
    private static final Path LESSONS = Path.of("lessons");
    private static final Path EXERCISES = Path.of("exercises");

    @Test
    void asksForTheIndexAndTheFirstLessonOfEveryPart() {
        Course course = CourseCatalog.load(LESSONS, EXERCISES).current();
        List<String> paths = ServerTraining.paths(course);
        assertTrue(paths.contains("/"), paths.toString());
        course.parts().forEach(part -> assertTrue(paths.contains(part.lessons().getFirst().url()), paths.toString()));
        assertTrue(paths.contains("/nowhere") && paths.contains("/api/nowhere"), paths.toString());
    }

    @Test
    void trainsOnAFreeLocalPortInProductionModeWithoutWarmWorkers() {
        Map<String, String> env = ServerTraining.environment(Map.of("PORT", "7070", "DATA_DIR", "/somewhere"));
        assertEquals("0", env.get("PORT"));
        assertEquals("127.0.0.1", env.get("HOST"));
        assertEquals("prod", env.get("OTP_LAB_ENV"));
        assertEquals("0", env.get("OTPLAB_POOL_SIZE"));
        assertEquals("/somewhere", env.get("DATA_DIR"));
    }

    @Test
    void visitsEveryPathOfARealServerAndStopsIt() {
        CourseServer server = CourseServer.create(config -> config.lessonsDir(LESSONS).exercisesDir(EXERCISES)
                .authorMode(false).port(0)).start();
        int port = server.port();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ServerTraining.train(server, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, exit);
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("otplab: trained on / (200)"), said);
        assertTrue(said.contains("otplab: trained on /api/nowhere (404)"), said);
        assertThrows(Exception.class, () -> new java.net.Socket("127.0.0.1", port).close(),
                "the training left the server listening");
    }
}
