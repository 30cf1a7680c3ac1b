package otplab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind the store must do; run on H2 and on PostgreSQL. */
abstract class SubmissionStoreContract {
    protected SubmissionStore store;

    /** A store on an empty database. */
    abstract SubmissionStore freshStore();

    /** A second store on the same database, as a restarted server would open it. */
    abstract SubmissionStore reopen();

    @BeforeEach
    void open() {
        store = freshStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Submission submission(String learner, String exercise, Submission.Kind kind, String status, int passed) {
        return new Submission(0, learner, exercise, kind, status, passed / 3.0, passed, 3,
                Map.of("Counter.java", "class Counter { /* " + learner + " */ }"),
                "{\"version\":3,\"status\":\"" + status + "\"}", Instant.parse("2026-11-23T10:15:30Z"));
    }

    @Test
    void recordsASubmissionWithEverythingNeededToShowItAgain() {
        Submission saved = store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "fail", 2));
        assertTrue(saved.id() > 0);
        Submission read = store.history("ada", "counter").getFirst();
        assertEquals(saved, read);
    }

    @Test
    void keepsALearnersHistoryAcrossARestart() {
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "fail", 1));
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "pass", 3));
        store.close();
        store = reopen();
        List<Submission> history = store.history("ada", "counter");
        assertEquals(List.of("pass", "fail"), history.stream().map(Submission::status).toList(), "newest first");
        assertTrue(store.progress("ada").get("counter").completed());
    }

    @Test
    void showsALearnerOnlyTheirOwnSubmissions() {
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "pass", 3));
        store.record(submission("grace", "counter", Submission.Kind.SUBMIT, "fail", 0));
        assertEquals(List.of("ada"), store.history("ada", null).stream().map(Submission::learner).distinct().toList());
        assertEquals(List.of("grace"), store.history("grace", "counter").stream().map(Submission::learner).toList());
        assertTrue(store.history("nobody", null).isEmpty());
    }

    @Test
    void countsOnlySubmissionsNotTestRunsTowardsProgress() {
        store.record(submission("ada", "counter", Submission.Kind.TEST, "pass", 3));
        assertFalse(store.progress("ada").containsKey("counter"));
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "fail", 2));
        Progress progress = store.progress("ada").get("counter");
        assertEquals(1, progress.submissions());
        assertFalse(progress.completed());
        assertEquals(2 / 3.0, progress.bestScore(), 1e-9);
    }

    @Test
    void computesPassRatesPerExerciseOverLearners() {
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "fail", 1));
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "pass", 3));
        store.record(submission("grace", "counter", Submission.Kind.SUBMIT, "fail", 0));
        store.record(submission("grace", "kv-store", Submission.Kind.TEST, "pass", 3));
        ExerciseStats counter = store.statsByExercise().get("counter");
        assertEquals(new ExerciseStats("counter", 3, 2, 1, 0.5), counter);
        assertFalse(store.statsByExercise().containsKey("kv-store"), "test runs are not submissions");
        assertEquals(3, store.allSubmissions().size());
    }

    @Test
    void leavesAnUpToDateSchemaAloneWhenOpenedAgain() {
        store.record(submission("ada", "counter", Submission.Kind.SUBMIT, "pass", 3));
        store.close();
        store = reopen();
        store.close();
        store = reopen();
        assertEquals(1, store.allSubmissions().size());
    }

    @Test
    void keepsWhichCellsOfEachLessonALearnerRanAndWhenLast() {
        store.recordCellRun("ada", "genserver", "counter", Instant.parse("2026-11-23T10:00:00Z"));
        store.recordCellRun("ada", "genserver", "call", Instant.parse("2026-11-23T10:05:00Z"));
        store.recordCellRun("ada", "genserver", "counter", Instant.parse("2026-11-23T10:10:00Z"));
        store.recordCellRun("grace", "links", "link", Instant.parse("2026-11-23T11:00:00Z"));
        Map<String, LessonRuns> runs = store.lessonRuns("ada");
        assertEquals(Map.of("genserver", new LessonRuns("genserver", java.util.Set.of("counter", "call"),
                Instant.parse("2026-11-23T10:10:00Z"))), runs);
        store.close();
        store = reopen();
        assertEquals(java.util.Set.of("link"), store.lessonRuns("grace").get("links").cells());
    }

    @Test
    void keepsTheNameALearnerChoseUntilTheyClearIt() {
        store.setLearnerName("ada", "Ada L.");
        store.setLearnerName("ada", "Ada Lovelace");
        store.setLearnerName("grace", "Grace");
        store.setLearnerName("grace", " ");
        assertEquals(Map.of("ada", "Ada Lovelace"), store.learnerNames());
    }

    @Test
    void lendsAConnectionToOneCallWhileAnotherStillHoldsOne() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(callers.submit(() -> store.withConnection(c -> {
                    try {
                        // Only passes when both calls hold a connection at the same moment.
                        bothInside.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new AssertionError("the second call never got a connection while the first held one", e);
                    }
                    return c.isValid(2);
                })));
            }
            for (Future<Boolean> call : calls) {
                assertTrue(call.get(60, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void keepsEverySubmissionRecordedFromManyThreadsAtOnce() throws Exception {
        int threads = 8;
        int each = 10;
        Set<Long> ids = new HashSet<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Long>>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String learner = "learner-" + t;
                calls.add(callers.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(store.record(submission(learner, "counter", Submission.Kind.SUBMIT, "pass", 3)).id());
                        store.progress(learner);
                    }
                    return mine;
                }));
            }
            for (Future<List<Long>> call : calls) {
                ids.addAll(call.get(120, TimeUnit.SECONDS));
            }
        }
        assertEquals(threads * each, ids.size(), "every submission has an id of its own");
        assertEquals(threads * each, store.allSubmissions().size());
        assertEquals(threads, store.statsByExercise().get("counter").learners());
    }
}
