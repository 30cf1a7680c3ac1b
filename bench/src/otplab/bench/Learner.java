package otplab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import otplab.bench.ClassTally.RunKind;
import otplab.bench.Curriculum.CellStep;
import otplab.bench.Curriculum.ExerciseScript;
import otplab.bench.Curriculum.LessonScript;
import otplab.bench.PageSocket.Answer;

/**
 * One simulated learner: a browser of its own (its own cookie jar, so its own {@code otplab_runner}
 * owner and learner identity) that opens a lesson page, runs the page's cells in order with think
 * time between them on the page's run socket, leaves the page as a browser does (the reset beacon),
 * now and then opens an exercise and submits it, and goes on to the next lesson until the class
 * ends. A {@code lost} session is counted and replayed as the page offers (the cells above, again).
 */
final class Learner implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    /** Room beyond a cell's own time limit for waiting in a queue and starting a worker. */
    private static final Duration ANSWER_SLACK = Duration.ofSeconds(120);
    private static final Duration DEFAULT_CELL_LIMIT = Duration.ofSeconds(5);
    private static final Duration SUBMIT_LIMIT = Duration.ofSeconds(300);
    private static final String PASS = "pass";
    private static final String FAIL = "fail";

    private final int number;
    private final URI server;
    private final Curriculum curriculum;
    private final Behaviour behaviour;
    private final ClassTally tally;
    private final long deadlineNanos;
    private final int firstLesson;
    private final SplittableRandom random;

    Learner(int number, URI server, Curriculum curriculum, Behaviour behaviour, ClassTally tally, long deadlineNanos,
            int firstLesson, long seed) {
        this.number = number;
        this.server = Objects.requireNonNull(server, "server must not be null");
        this.curriculum = Objects.requireNonNull(curriculum, "curriculum must not be null");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour must not be null");
        this.tally = Objects.requireNonNull(tally, "tally must not be null");
        this.deadlineNanos = deadlineNanos;
        this.firstLesson = firstLesson;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        try (HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(CONNECT_LIMIT).build()) {
            int lesson = firstLesson;
            while (!over()) {
                LessonScript script = curriculum.lessons().get(lesson % curriculum.lessons().size());
                study(http, script);
                if (!over() && !script.exercises().isEmpty() && random.nextDouble() < behaviour.exerciseChance()) {
                    exercise(http, curriculum.exercises().get(script.exercises().getFirst()));
                }
                lesson++;
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void study(HttpClient http, LessonScript lesson) throws InterruptedException {
        if (!open(http, lesson.url())) {
            pause(behaviour.cellThink());
            return;
        }
        tally.pageOpened();
        String session = "page-bench" + number + HexFormat.of().toHexDigits(random.nextLong());
        PageSocket socket = null;
        boolean hasState = false;
        List<CellStep> ran = new ArrayList<>();
        try {
            for (int i = 0; i < lesson.cells().size(); i++) {
                CellStep cell = lesson.cells().get(i);
                // A page runs its setup cells right before the first Run, without a pause between them.
                boolean afterSetup = i > 0 && lesson.cells().get(i - 1).setup();
                if (!afterSetup && !pause(behaviour.cellThink())) {
                    break;
                }
                if (socket != null && !socket.isOpen()) {
                    socket.close();
                    socket = null;
                    tally.reopened();
                }
                if (socket == null) {
                    socket = connect(http, session, lesson, cell);
                    if (socket == null) {
                        continue;
                    }
                }
                Answer answer = run(socket, lesson, cell, hasState ? RunKind.LATER : RunKind.FIRST, hasState);
                switch (answer) {
                    case Answer.Result _ -> hasState = true;
                    case Answer.Lost lost -> {
                        tally.lost(lost.reason());
                        hasState = replay(socket, lesson, ran, cell);
                    }
                    case Answer.Refused _ -> {
                        // counted where it was answered; the learner reads the message and goes on
                    }
                    case Answer.Broken _ -> {
                        socket.close();
                        socket = null;
                    }
                }
                ran.add(cell);
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
            leave(http, session, lesson);
        }
    }

    /** The page's offer after a lost session: the cells above run again, then the one that was lost; true when all ran. */
    private boolean replay(PageSocket socket, LessonScript lesson, List<CellStep> above, CellStep lostCell)
            throws InterruptedException {
        List<CellStep> again = new ArrayList<>(above);
        again.add(lostCell);
        boolean hasState = false;
        for (CellStep cell : again) {
            Answer answer = run(socket, lesson, cell, RunKind.REPLAY, hasState);
            if (answer instanceof Answer.Lost lost) {
                tally.lost(lost.reason());
                return false;
            }
            if (!(answer instanceof Answer.Result)) {
                return false;
            }
            hasState = true;
        }
        return hasState;
    }

    private Answer run(PageSocket socket, LessonScript lesson, CellStep cell, RunKind kind, boolean resume)
            throws InterruptedException {
        Duration ownLimit = cell.timeoutMs() > 0 ? Duration.ofMillis(cell.timeoutMs()) : DEFAULT_CELL_LIMIT;
        long sent = System.nanoTime();
        Answer answer = socket.run(cell.id(), cell.code(), cell.timeoutMs(), resume, ownLimit.plus(ANSWER_SLACK));
        long answered = System.nanoTime();
        String where = lesson.slug() + " cell " + cell.id();
        switch (answer) {
            case Answer.Result result -> {
                double waited = result.startedNanos() == 0 ? Double.NaN : (result.startedNanos() - sent) / 1e6;
                tally.run(kind, (answered - sent) / 1e6, waited, result.status(), result.queued());
                if (!result.status().equals(cell.expectedStatus())) {
                    tally.error("run ended " + result.status() + " where the lesson expects " + cell.expectedStatus(),
                            where + ": " + shortened(result.error()));
                }
            }
            case Answer.Lost _ -> {
                // counted by the caller, which replays the cells above
            }
            case Answer.Refused refused -> tally.error("run answered with an error message", where + ": " + shortened(refused.error()));
            case Answer.Broken broken -> {
                tally.unanswered((answered - sent) / 1e6);
                tally.error("run got no answer", where + ": " + broken.why());
            }
        }
        return answer;
    }

    private PageSocket connect(HttpClient http, String session, LessonScript lesson, CellStep cell) {
        try {
            return PageSocket.open(session, tally, http, server, CONNECT_LIMIT);
        } catch (IOException failed) {
            tally.error("run socket would not open", lesson.slug() + " cell " + cell.id() + ": " + failed.getMessage());
            return null;
        }
    }

    private void exercise(HttpClient http, ExerciseScript exercise) throws InterruptedException {
        if (!open(http, "/exercises/" + exercise.slug())) {
            return;
        }
        if (!pause(behaviour.exerciseThink())) {
            return;
        }
        boolean reference = random.nextDouble() >= behaviour.starterShare();
        Map<String, String> files = reference ? exercise.solution() : exercise.starter();
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("files", files));
        } catch (IOException cannot) {
            throw new IllegalStateException("cannot write a submission body", cannot);
        }
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/exercises/" + exercise.slug() + "/submit"))
                .timeout(SUBMIT_LIMIT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String where = exercise.slug() + (reference ? " (reference solution)" : " (starter)");
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            tally.error("submit got no answer", where + ": " + failed);
            return;
        }
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() != 200) {
            tally.error("submit answered HTTP " + response.statusCode(), where + ": " + shortened(response.body()));
            return;
        }
        String status = readStatus(response.body());
        tally.submit(millis, status, reference);
        String expected = reference ? PASS : FAIL;
        if (!expected.equals(status)) {
            tally.error("submit graded " + status + " where " + expected + " was due", where + ": " + shortened(response.body()));
        }
    }

    /** A GET as a browser makes it when following a link; false (and an error counted) unless it answers 200. */
    private boolean open(HttpClient http, String path) throws InterruptedException {
        try {
            HttpResponse<Void> page = http.send(HttpRequest.newBuilder(server.resolve(path)).timeout(SUBMIT_LIMIT).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (page.statusCode() == 200) {
                return true;
            }
            tally.error("page answered HTTP " + page.statusCode(), path);
        } catch (IOException failed) {
            tally.error("page got no answer", path + ": " + failed);
        }
        return false;
    }

    /** What a browser does when the page goes away: the beacon that frees the session's worker at once. */
    private void leave(HttpClient http, String session, LessonScript lesson) throws InterruptedException {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(server.resolve("/api/sessions/" + session + "/reset"))
                    .timeout(SUBMIT_LIMIT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() >= 400) {
                tally.error("leaving a page answered HTTP " + answer.statusCode(), lesson.url());
            }
        } catch (IOException failed) {
            tally.error("leaving a page got no answer", lesson.url() + ": " + failed);
        }
    }

    /** Sleeps one think time; false when the class ends first (then it sleeps only until the end). */
    private boolean pause(ThinkTime think) throws InterruptedException {
        long wanted = think.next(random).toNanos();
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        Thread.sleep(Duration.ofNanos(Math.min(wanted, left)));
        return wanted < left;
    }

    private boolean over() {
        return System.nanoTime() >= deadlineNanos;
    }

    private static String readStatus(String body) {
        try {
            JsonNode document = JSON.readTree(body);
            return document.path("status").asText("unreadable");
        } catch (IOException notJson) {
            return "unreadable";
        }
    }

    private static String shortened(String text) {
        String oneLine = text == null ? "" : text.strip().replace('\n', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
