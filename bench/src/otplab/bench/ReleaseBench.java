package otplab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the release image ({@code target/release/otplab}, made by {@code ./otplab release}
 * when missing): from spawning {@code bin/otplab start} to the first lesson page answered 200, in
 * wall time and in the server JVM's CPU time at that moment, with the server's AOT cache and
 * without it ({@code OTPLAB_AOT=off}), in alternating rounds so both see the same load. Prints
 * medians and the ratio. Suite {@code release}; runs from the repository root.
 */
public final class ReleaseBench implements BenchSuite {
    static final Path IMAGE = Path.of("target/release/otplab");
    private static final Pattern SERVING = Pattern.compile("OTP Lab is serving .* at (http://\\S+/)");
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "release";
    }

    @Override
    public String summary() {
        return "release image start: wall and CPU time to the first lesson, with and without the server's AOT cache";
    }

    @Override
    public int order() {
        return 40;
    }

    /** One start: wall and CPU milliseconds to the first lesson page. */
    record Start(double wallMs, double cpuMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f ms wall, %.0f ms CPU", wallMs, cpuMs);
        }
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Path image = IMAGE.toAbsolutePath();
        if (!Files.isExecutable(image.resolve("bin/otplab"))) {
            context.progress("no release image yet: running ./otplab release");
            Process build = new ProcessBuilder("./otplab", "release").inheritIO().start();
            if (build.waitFor() != 0) {
                throw new IllegalStateException("./otplab release failed");
            }
        }
        int rounds = context.quick() ? 2 : 7;
        String lesson = firstLesson(image);
        List<Start> cached = new ArrayList<>();
        List<Start> plain = new ArrayList<>();
        start(image, true, lesson);
        for (int round = 0; round < rounds; round++) {
            cached.add(start(image, true, lesson));
            plain.add(start(image, false, lesson));
            context.progress("round " + (round + 1) + "/" + rounds + ": with cache " + cached.getLast() + ", without " + plain.getLast());
        }
        Sample cachedWall = Sample.of(cached.stream().mapToDouble(Start::wallMs).toArray());
        Sample cachedCpu = Sample.of(cached.stream().mapToDouble(Start::cpuMs).toArray());
        Sample plainWall = Sample.of(plain.stream().mapToDouble(Start::wallMs).toArray());
        Sample plainCpu = Sample.of(plain.stream().mapToDouble(Start::cpuMs).toArray());
        context.out().println();
        context.out().println("Release start to the first lesson (" + lesson + "), medians of " + rounds + " alternating rounds:");
        new Table("server start", "wall ms", "server CPU ms", "wall vs no cache", "CPU vs no cache")
                .row("bin/otplab start, AOT cache", ms(cachedWall.median()), ms(cachedCpu.median()),
                        ratio(cachedWall.median() / plainWall.median()), ratio(cachedCpu.median() / plainCpu.median()))
                .row("bin/otplab start, OTPLAB_AOT=off", ms(plainWall.median()), ms(plainCpu.median()), "1.00x", "1.00x")
                .print(context.out());
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    /** The first lesson's slug: the file name of the first lesson in the image's course, without its number. */
    private static String firstLesson(Path image) throws IOException {
        try (var files = Files.list(image.resolve("lessons"))) {
            String name = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("the image holds no lessons"));
            return name.substring(name.indexOf('-') + 1, name.length() - ".md".length());
        }
    }

    private static Start start(Path image, boolean aot, String lesson) throws Exception {
        Path data = Files.createTempDirectory("otplab-release-bench");
        ProcessBuilder builder = new ProcessBuilder(image.resolve("bin/otplab").toString(), "start")
                .directory(data.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "", "PORT", "0", "DATA_DIR", data.toString(), "OTPLAB_POOL_SIZE", "0",
                "SECRET_KEY_BASE", "release-bench-secret-key-base-0123456789", "OTPLAB_AOT", aot ? "on" : "off"));
        long started = System.nanoTime();
        Process server = builder.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String url = serving(server).get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url).resolve("/lessons/" + lesson)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long wall = System.nanoTime() - started;
            if (page.statusCode() != 200) {
                throw new IllegalStateException("the first lesson answered " + page.statusCode());
            }
            Duration cpu = server.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
            return new Start(wall / 1e6, cpu.toNanos() / 1e6);
        } finally {
            server.toHandle().destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** Completes with the server's address once it prints the line saying where it serves. */
    private static CompletableFuture<String> serving(Process server) {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher serving = SERVING.matcher(line);
                    if (serving.matches()) {
                        url.complete(serving.group(1));
                    }
                }
            } catch (IOException ended) {
                url.completeExceptionally(ended);
            }
            url.completeExceptionally(new IllegalStateException("the server ended before serving"));
        });
        return url;
    }
}
