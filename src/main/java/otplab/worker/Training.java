package otplab.worker;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import otplab.protocol.RunStatus;
import otplab.worker.grading.SampleGrading;

/**
 * The build's AOT training run: exercises what a real worker does (JShell start, imports, a
 * println cell, a class cell, completion, and the {@link SampleGrading}: javac in memory, the bytecode
 * policy and the JUnit launcher) so the AOT cache holds those classes linked and ready. Every
 * cell must end as written: a training that silently trains a failure path (a cell that stopped
 * compiling after a framework change) would cache the wrong classes, so it fails instead.
 */
final class Training {
    /** A GenServer round trip: the shape of most lesson cells. */
    static final String GENSERVER_CELL = """
            final class Tally implements GenServer<Integer, Integer> {
                @Override public Init<Integer> init(Integer start) { return ok(start); }
                @Override public CallResult<Integer> handleCall(Object request, From from, Integer n) { return reply(n + 1, n + 1); }
            }
            Pid tally = GenServer.start(new Tally(), 0);
            for (int i = 0; i < 50; i++) GenServer.call(tally, "add");
            System.out.println((int) GenServer.call(tally, "add"));
            GenServer.stop(tally);""";

    /** One training cell and how it must end: its status and, when it shows one, how its last value reads. */
    record TrainingCell(String code, RunStatus status, String lastValueEnding) {}

    static final List<TrainingCell> CELLS = List.of(
            new TrainingCell("System.out.println(\"hello\");", RunStatus.OK, ""),
            new TrainingCell("record Point(int x, int y) { int sum() { return x + y; } }\nvar p = new Point(1, 2);\np.sum()",
                    RunStatus.OK, "==> 3"),
            new TrainingCell("int broken = \"text\";", RunStatus.COMPILE_ERROR, ""),
            new TrainingCell("List<Integer> numbers = new ArrayList<>(List.of(3, 1, 2)); Collections.sort(numbers); numbers",
                    RunStatus.OK, "==> [1, 2, 3]"),
            new TrainingCell(GENSERVER_CELL, RunStatus.OK, ""));

    /** Completions the training asks for, with one item each must offer. */
    static final List<List<String>> COMPLETIONS = List.of(List.of("System.out.pri", "println"), List.of("Gen", "GenServer"));

    private Training() {}

    static boolean endsAsWritten(TrainingCell cell, CellOutcome outcome) {
        return outcome.status() == cell.status() && (cell.lastValueEnding().isEmpty()
                || (!outcome.values().isEmpty() && outcome.values().getLast().endsWith(cell.lastValueEnding())));
    }

    static void run() {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        try (Notebook notebook = new Notebook(silent)) {
            for (TrainingCell cell : CELLS) {
                CellOutcome outcome = notebook.eval(cell.code());
                if (!endsAsWritten(cell, outcome)) {
                    throw new IllegalStateException("a training cell ended " + outcome + " instead of " + cell.status()
                            + (cell.lastValueEnding().isEmpty() ? "" : " showing " + cell.lastValueEnding()) + ": " + cell.code());
                }
            }
            for (List<String> completion : COMPLETIONS) {
                String code = completion.getFirst();
                if (notebook.complete(code, code.length()).stream().noneMatch(item -> item.startsWith(completion.getLast()))) {
                    throw new IllegalStateException("completing `" + code + "` did not offer " + completion.getLast());
                }
            }
        }
        if (SampleGrading.available()) {
            SampleGrading.run();
        }
    }
}
