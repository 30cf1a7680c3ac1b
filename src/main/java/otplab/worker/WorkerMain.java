package otplab.worker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import otplab.protocol.CellDiagnostic;
import otplab.protocol.ControlChannel;
import otplab.protocol.Frame;
import otplab.protocol.RunStatus;
import otplab.protocol.WorkerRole;
import otplab.worker.grading.GradingHarness;
import otplab.worker.grading.SampleGrading;

/**
 * Entry point of a worker JVM. Connects to the server's control socket before any learner code
 * exists, then answers {@link Frame.Type#EVAL}, {@link Frame.Type#COMPLETE}, the page panels' frames
 * ({@link PageHarness}) and
 * {@link Frame.Type#STOP} frames. The channel lives only in this object's private fields and the
 * reader thread's stack, which learner code cannot reach.
 *
 * <p>Usage: {@code WorkerMain --socket PATH [--output-limit BYTES] [--role notebook|grading]
 * [--warm-up GRADINGS]}, or {@code WorkerMain --train [grading]} for the build's AOT training runs
 * (a notebook's, or a confined grading runtime's, which has no JShell). A grading
 * worker answers only {@link Frame.Type#GRADE}; it builds no JShell notebook, so it is ready in a
 * fraction of the time. With {@code --warm-up N} it runs the trusted {@link SampleGrading} N times
 * after it says hello and before it reads a frame, so before any learner code exists; a grading
 * handed to it later runs with javac and JUnit already warm.
 */
public final class WorkerMain {
    /** Output bytes per run the worker forwards; the server applies the exact limit and notice. */
    public static final long DEFAULT_OUTPUT_LIMIT = 1024 * 1024;
    static final String WARM_UP_CELL = "String warmUp = \"ready\";";
    static final String GRADING_ONLY = "this worker only grades";
    /** How long a restart waits for killed processes to be gone before it calls the worker unclean. */
    static final long RESTART_GRACE_MS = 1000;

    private final ControlChannel channel;
    private final OutputBudget budget;
    /** Absent in a grading worker; replaced on {@link Frame.Type#RESTART}. */
    private volatile Notebook notebook;
    private final ExecutorService evaluator = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "otplab-evaluator");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long currentRun;
    private final PageHarness page;
    /** Absent in a grading worker; started after hello, since nothing may reach the server before it. */
    private ObserverActions observer;

    private WorkerMain(ControlChannel channel, long outputLimit, boolean grading) {
        this.channel = channel;
        this.budget = new OutputBudget(outputLimit);
        PrintStream out = new PrintStream(new CapturedOutput("out", channel, () -> currentRun, budget), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new CapturedOutput("err", channel, () -> currentRun, budget), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        System.setIn(InputStream.nullInputStream());
        this.page = new PageHarness(channel);
        otp.live.LivePage.host(page);
        this.notebook = grading ? null : freshNotebook();
    }

    private static Notebook freshNotebook() {
        Notebook fresh = new Notebook(new PrintStream(OutputStream.nullOutputStream()));
        // Crash reports name the learner's classes as they wrote them, not JShell's wrappers.
        otp.Log.setHandler(line -> System.err.println(Notebook.learnerNames(line)));
        fresh.eval(WARM_UP_CELL);
        return fresh;
    }

    private ObserverActions startObserver() {
        return ObserverActions.start(snapshot -> sendOrExit(Frame.of(Frame.Type.OBSERVED, 0, "json", snapshot)));
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 1 && args[0].equals("--train")) {
            // A grading runtime has no JShell: its training is the sample grading alone.
            if (args.length == 2 && args[1].equals(WorkerRole.GRADING_NAME)) {
                confine();
                SampleGrading.run();
            } else {
                Training.run();
            }
            return;
        }
        Path socketPath = null;
        long outputLimit = DEFAULT_OUTPUT_LIMIT;
        String role = WorkerRole.NOTEBOOK_NAME;
        int warmUps = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--socket" -> socketPath = Path.of(args[i + 1]);
                case "--output-limit" -> outputLimit = Long.parseLong(args[i + 1]);
                case "--role" -> role = args[i + 1];
                case "--warm-up" -> warmUps = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (socketPath == null) {
            throw new IllegalArgumentException("--socket PATH is required");
        }
        WorkerRole parsed = new WorkerRole(role, warmUps);
        if (parsed.isGrading()) {
            confine();
        }
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(socketPath));
        WorkerMain worker = new WorkerMain(new ControlChannel(socket), outputLimit, parsed.isGrading());
        worker.serve(warmUps);
        Runtime.getRuntime().halt(0);
    }

    /**
     * A grading worker started as the harness module (the confined runtime, see {@code WorkerImage})
     * makes its JVM non-dumpable before any learner class exists; when that fails it stops, since
     * a grading's verdict would then be within reach of a process learner code starts. Started on
     * the class path (the old way, kept for comparison) it leaves the JVM as it is.
     */
    private static void confine() {
        if (!WorkerMain.class.getModule().isNamed()) {
            return;
        }
        try {
            NonDumpable.apply();
        } catch (RuntimeException failed) {
            System.err.println("otplab worker: cannot confine the grading JVM: " + failed.getMessage());
            Runtime.getRuntime().halt(4);
        }
    }

    /**
     * Runs after hello and before the first frame is read, so a {@link Frame.Type#WARM_UP} (and
     * any grading) is answered only once the samples are done. The sample's own capture comes and
     * goes around it. A sample that goes wrong only costs the warmth: the learner's grading still
     * runs and reports its own outcome.
     */
    private static void warmUp(int gradings) {
        for (int i = 0; i < gradings && SampleGrading.available(); i++) {
            try {
                SampleGrading.run();
            } catch (RuntimeException | LinkageError failed) {
                System.err.println("otplab worker: the warm-up grading failed: " + failed);
                return;
            }
        }
    }

    private void serve(int warmUps) throws IOException {
        channel.send(Frame.of(Frame.Type.HELLO, 0, "pid", Long.toString(ProcessHandle.current().pid())));
        if (notebook != null) {
            observer = startObserver();
        }
        warmUp(warmUps);
        while (true) {
            Frame request;
            try {
                request = channel.receive();
            } catch (EOFException closed) {
                return;
            }
            if (notebook == null && request.type() != Frame.Type.GRADE && request.type() != Frame.Type.WARM_UP) {
                channel.send(Frame.of(Frame.Type.ERROR, request.id(), "message", GRADING_ONLY));
                continue;
            }
            switch (request.type()) {
                case EVAL -> evaluator.submit(() -> evaluate(request));
                case GRADE -> evaluator.submit(() -> sendOrExit(GradingHarness.grade(request)));
                case WARM_UP -> evaluator.submit(() -> sendOrExit(GradingHarness.rehearse(request)));
                case COMPLETE -> evaluator.submit(() -> complete(request));
                case RESTART -> evaluator.submit(() -> sendOrExit(restart(request)));
                case REQUEST -> evaluator.submit(() -> sendOrExit(page.request(request)));
                case LIVE_EVENT -> Thread.ofVirtual().start(() -> sendOrExit(page.liveEvent(request)));
                case DELIVER -> page.deliver(request);
                case OBSERVE -> observer.submit(request, this::sendOrExit);
                case STOP -> {
                    if (currentRun == request.id()) {
                        notebook.stop();
                    }
                }
                default -> channel.send(Frame.of(Frame.Type.ERROR, request.id(), "message",
                        "the worker does not understand " + request.type()));
            }
        }
    }

    private void evaluate(Frame request) {
        long started = System.nanoTime();
        currentRun = request.id();
        CellOutcome outcome;
        try {
            outcome = notebook.eval(request.field("code").orElse(""));
        } catch (RuntimeException | LinkageError unexpected) {
            outcome = new CellOutcome(RunStatus.RUNTIME_ERROR, List.of(), List.of(),
                    "the runner failed on this cell: " + unexpected);
        }
        System.out.flush();
        System.err.flush();
        long run = request.id();
        currentRun = 0;
        // The error first, then diagnostics, then values: what explains a failure outranks what displays a result.
        List<String> fields = new ArrayList<>(List.of(
                "status", outcome.status().wireName(),
                "durationMs", Long.toString((System.nanoTime() - started) / 1_000_000),
                "error", budget.fit(run, outcome.error())));
        for (CellDiagnostic d : outcome.diagnostics()) {
            String message = budget.fit(run, d.message());
            if (!message.isEmpty()) {
                fields.add("diagnostic");
                fields.add(new CellDiagnostic(d.line(), d.column(), d.endLine(), d.endColumn(), d.severity(), message).encode());
            }
        }
        for (String value : outcome.values()) {
            String shown = budget.fit(run, value);
            if (!shown.isEmpty()) {
                fields.add("value");
                fields.add(shown);
            }
        }
        sendOrExit(new Frame(Frame.Type.RESULT, request.id(), fields, null));
    }

    /**
     * Starts the same learner's next page on this JVM, which keeps its warm javac: every process is
     * killed, the framework's tables are emptied ({@link otp.NodeTables#clear()}) and a new JShell
     * replaces the old one with all its declarations. Runs on the evaluator, after any cell. When a
     * process outlives its kill the answer is not clean, and the server retires this worker.
     */
    private Frame restart(Frame request) {
        boolean noneLeft = observer.killAll(RESTART_GRACE_MS);
        observer.close();
        otp.NodeTables.clear();
        notebook.close();
        notebook = freshNotebook();
        observer = startObserver();
        // The last page's classes and objects go now, while the learner reads, so the spare waits small.
        System.gc();
        return noneLeft ? Frame.of(Frame.Type.RESTARTED, request.id(), "clean", "true")
                : Frame.of(Frame.Type.RESTARTED, request.id(), "clean", "false",
                        "why", "a process was still alive " + RESTART_GRACE_MS + " ms after it was killed");
    }

    private void complete(Frame request) {
        String code = request.field("code").orElse("");
        int cursor = request.field("cursor").map(Integer::parseInt).orElse(code.length());
        List<String> items = notebook.complete(code, cursor);
        List<String> fields = new ArrayList<>(List.of("anchor", items.getFirst()));
        for (String item : items.subList(1, items.size())) {
            fields.add("item");
            fields.add(item);
        }
        sendOrExit(new Frame(Frame.Type.COMPLETIONS, request.id(), fields, null));
    }

    /** A worker that cannot talk to the server has no purpose left. */
    private void sendOrExit(Frame frame) {
        try {
            channel.send(frame);
        } catch (IOException lost) {
            Runtime.getRuntime().halt(3);
        }
    }
}
