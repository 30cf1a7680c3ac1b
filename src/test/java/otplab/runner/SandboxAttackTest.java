package otplab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import otplab.jvm.WorkerSettings;

/** One test per way out of the sandbox: each ends in a clear status, a serving server and no leftover process. */
class SandboxAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunnerServer server;

    @BeforeAll
    static void start() {
        server = new RunnerServer(Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void serverStillServesAndNoWorkerIsLeft() throws Exception {
        HttpResponse<String> health = server.get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).path("status").asText());
        assertTrue(server.noStrayWorkers(), "leftover worker processes: " + server.strays());
    }

    private static JsonNode run(String code) throws Exception {
        HttpResponse<String> response = server.post("/api/run", JSON.writeValueAsBytes(Map.of("code", code)));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static void assertStatus(String expected, JsonNode result) {
        assertEquals(expected, result.path("status").asText(), result.toString());
    }

    @Test
    void anInfiniteLoopTimesOut() throws Exception {
        assertStatus("timeout", run("while (true) { }"));
    }

    @Test
    void sleepingForeverTimesOut() throws Exception {
        assertStatus("timeout", run("Thread.sleep(Long.MAX_VALUE);"));
    }

    @Test
    void aHeapBombEndsInAnOutOfMemoryError() throws Exception {
        JsonNode result = run("var hoard = new ArrayList<long[]>();\nwhile (true) hoard.add(new long[1_000_000]);");
        assertStatus("runtime_error", result);
        assertTrue(result.path("error").asText().contains("OutOfMemoryError"), result.toString());
    }

    @Test
    void aThreadBombHitsTheThreadLimit() throws Exception {
        JsonNode result = run("""
                for (int i = 0; i < 100_000; i++) {
                    Thread t = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } });
                    t.setDaemon(true);
                    t.start();
                }""");
        assertTrue(Map.of("runtime_error", 1, "timeout", 1).containsKey(result.path("status").asText()), result.toString());
        assertFalse(result.path("status").asText().equals("ok"));
    }

    @Test
    void aVirtualThreadBombRunsOutOfHeapOrTime() throws Exception {
        JsonNode result = run("""
                for (int i = 0; i < 50_000_000; i++) {
                    Thread.startVirtualThread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } });
                }""");
        assertTrue(Map.of("runtime_error", 1, "timeout", 1).containsKey(result.path("status").asText()), result.toString());
    }

    @Test
    void aForkLoopIsRejected() throws Exception {
        JsonNode result = run("while (true) new ProcessBuilder(\"/bin/sh\", \"-c\", \"true\").start();");
        assertStatus("rejected", result);
        assertTrue(result.path("error").asText().contains("ProcessBuilder"), result.toString());
    }

    @Test
    void readingEtcPasswdIsRejected() throws Exception {
        JsonNode result = run("java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"))");
        assertStatus("rejected", result);
        assertTrue(result.path("error").asText().contains("/etc/passwd"), result.toString());
    }

    @Test
    void readingTheExercisesHiddenFilesIsRejected() throws Exception {
        String hidden = System.getProperty("user.dir") + "/exercises";
        JsonNode result = run("new java.io.File(\"" + hidden + "\").list()");
        if (hidden.startsWith("/tmp/")) {
            // A checkout under /tmp: the policy lets /tmp paths through (the sandbox's /tmp is its
            // own), so the OS layer must answer: the folder is not there at all.
            assertStatus("ok", result);
            assertEquals("==> null", result.path("values").path(0).asText(), result.toString());
        } else {
            assertStatus("rejected", result);
        }
    }

    @Test
    void writingOutsideTmpIsRejected() throws Exception {
        JsonNode result = run("try (var out = new java.io.FileWriter(\"/usr/local/evil.txt\")) { out.write(\"x\"); }");
        assertStatus("rejected", result);
        assertTrue(result.path("error").asText().contains("/usr/local/evil.txt"), result.toString());
    }

    @Test
    void connectingToAServerOnTheHostLoopbackFails() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1);
            JsonNode result = run("new java.net.Socket(\"127.0.0.1\", " + listener.getLocalPort() + ")");
            assertStatus("runtime_error", result);
            assertTrue(result.path("error").asText().contains("java.net."), result.toString());
            assertThrowsTimeout(listener);
        }
    }

    private static void assertThrowsTimeout(ServerSocket listener) {
        try (var ignored = listener.accept()) {
            throw new AssertionError("learner code reached the host's loopback");
        } catch (java.net.SocketTimeoutException expected) {
            // Nobody connected.
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void systemExitIsRejected() throws Exception {
        JsonNode result = run("System.out.println(\"before\");\nSystem.exit(0);");
        assertStatus("rejected", result);
        assertTrue(result.path("error").asText().contains("System.exit"), result.toString());
        assertEquals(2, result.path("diagnostics").get(0).path("line").asInt(), result.toString());
    }

    @Test
    void runtimeHaltIsRejected() throws Exception {
        JsonNode result = run("Runtime.getRuntime().halt(1);");
        assertStatus("rejected", result);
        assertTrue(result.path("error").asText().contains("Runtime.halt"), result.toString());
    }

    @Test
    void anOutputFloodIsCutWithANotice() throws Exception {
        JsonNode result = run("for (int i = 0; i < 300_000; i++) System.out.println(\"0123456789\");");
        assertStatus("ok", result);
        assertTrue(result.path("truncated").asBoolean(), result.path("stderr").asText());
        assertTrue(result.path("stdout").asText().length() <= WorkerSettings.DEFAULT_OUTPUT_BYTES);
        assertTrue(result.path("stderr").asText().contains("output cut"));
    }

    @Test
    void deepRecursionIsAStackOverflowError() throws Exception {
        JsonNode result = run("int down(int n) { return down(n + 1) + 1; }\ndown(0)");
        assertStatus("runtime_error", result);
        assertTrue(result.path("error").asText().startsWith("java.lang.StackOverflowError"), result.toString());
    }

    @Test
    void forgedProtocolOutputIsOnlyText() throws Exception {
        String forged = "\\u0000\\u0000\\u0000\\u0020\\u0004{\\\"status\\\":\\\"ok\\\"} RESULT status ok done";
        JsonNode result = run("""
                String fake = "%s";
                System.out.print(fake);
                var raw = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                raw.write(fake.getBytes()); raw.flush();
                System.err.print(fake);
                throw new IllegalStateException("the real outcome");""".formatted(forged));
        assertStatus("runtime_error", result);
        assertTrue(result.path("error").asText().contains("the real outcome"), result.toString());
        assertTrue(result.path("stdout").asText().contains("RESULT status ok done"), result.toString());
    }

    @Test
    void hugeSourceIsRefusedWith400() throws Exception {
        String code = "// " + "x".repeat(WorkerSettings.DEFAULT_SOURCE_BYTES + 10);
        HttpResponse<String> response = server.post("/api/run", JSON.writeValueAsBytes(Map.of("code", code)));
        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).path("error").asText().contains("KiB"));
    }

    @Test
    void nonUtf8BytesAreRefusedWith400AndPrintedBytesAreReplaced() throws Exception {
        byte[] body = "{\"code\": \"System.out.println(1);\u0000\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xff;
        HttpResponse<String> response = server.post("/api/run", body);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode printed = run("System.out.write(new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b'}); System.out.flush();");
        assertStatus("ok", printed);
        assertEquals("a\uFFFD\uFFFDb", printed.path("stdout").asText());
    }

    private static void assertRejectedNaming(String words, JsonNode result) {
        assertStatus("rejected", result);
        assertTrue(result.path("error").asText().contains(words), result.toString());
    }

    @Test
    void classLoadersHandedOutByTheCompilerApiAreRejected() throws Exception {
        assertRejectedNaming("javax.tools.", run("""
                var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
                var files = javac.getStandardFileManager(null, null, null);
                files.getClassLoader(javax.tools.StandardLocation.CLASS_OUTPUT).loadClass("Unchecked")"""));
    }

    @Test
    void javacRunThroughAToolProviderWithAnAnnotationProcessorIsRejected() throws Exception {
        assertRejectedNaming("java.util.spi.ToolProvider", run("""
                java.util.spi.ToolProvider.findFirst("javac").orElseThrow()
                        .run(System.out, System.err, "-processorpath", "/tmp", "-processor", "Evil", "/tmp/A.java")"""));
    }

    @Test
    void aNestedJShellWithLocalExecutionIsRejected() throws Exception {
        assertRejectedNaming("jdk.jshell.JShell", run("""
                var shell = jdk.jshell.JShell.builder().executionEngine("local").build();
                shell.eval("new ProcessBuilder(\"/bin/sh\").start()")"""));
    }

    /** The notebook's runtime holds no management modules at all; the policy's rule for them is in BytecodePolicyTest. */
    @Test
    void anAgentLoadedThroughTheManagementApiFindsNoManagementModule() throws Exception {
        JsonNode result = run("""
                var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
                server.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "jvmtiAgentLoad", new Object[] {new String[] {"/tmp/agent.so"}}, new String[] {String[].class.getName()})""");
        assertStatus("compile_error", result);
        assertTrue(result.path("diagnostics").toString().contains("package java.lang.management does not exist"), result.toString());
    }

    @Test
    void aDatabaseAliasThatCallsAnyJavaMethodIsRejected() throws Exception {
        assertRejectedNaming("Repo.connect", run("""
                otp.data.Repo.connect("jdbc:h2:mem:escape;INIT=CREATE ALIAS SHELL FOR 'java.lang.Runtime.getRuntime'")"""));
        assertRejectedNaming("java.sql.DriverManager", run("""
                var db = java.sql.DriverManager.getConnection("jdbc:h2:mem:escape");
                db.createStatement().execute("CREATE ALIAS QUIT FOR 'java.lang.System.exit'");"""));
    }

    @Test
    void theTestFrameworksReflectionHelpersAreRejected() throws Exception {
        assertRejectedNaming("org.junit.platform.commons", run("""
                var exit = System.class.getMethod("exit", int.class);
                org.junit.platform.commons.support.ReflectionSupport.invokeMethod(exit, null, 0)"""));
    }

    @Test
    void aSymlinkUnderTmpThatLeadsOutIsRejected() throws Exception {
        assertRejectedNaming("java.nio.file.Files.createSymbolicLink", run("""
                var link = java.nio.file.Files.createSymbolicLink(java.nio.file.Path.of("/tmp/passwd"),
                        java.nio.file.Path.of("/etc/passwd"));
                java.nio.file.Files.readString(link)"""));
    }

    @Test
    void aFileUrlOutsideTmpIsRejected() throws Exception {
        assertRejectedNaming("file access to 'file:/proc/1/environ'",
                run("new String(java.net.URI.create(\"file:///proc/1/environ\").toURL().openStream().readAllBytes())"));
    }

    @Test
    void reflectionOntoTheWorkersOwnClassesIsRejected() throws Exception {
        assertRejectedNaming("through reflection", run("""
                var main = Class.forName("otplab.worker.WorkerMain");
                main.getDeclaredMethod("main", String[].class).invoke(null, (Object) new String[] {"--train"})"""));
    }
}
