package otplab.worker;

import otplab.worker.grading.SampleGrading;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The build's AOT training run: exercises what a real worker does (JShell start, imports, a
 * println cell, a class cell, completion, and the {@link SampleGrading}: javac in memory, the bytecode
 * policy and the JUnit launcher) so the AOT cache holds those classes linked and ready.
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

    static final String[] CELLS = {
        "System.out.println(\"hello\");",
        "record Point(int x, int y) { int sum() { return x + y; } }\nvar p = new Point(1, 2);\np.sum()",
        "int broken = \"text\";",
        "List<Integer> numbers = new ArrayList<>(List.of(3, 1, 2)); Collections.sort(numbers); numbers",
        GENSERVER_CELL,
    };

    private Training() {}

    static void run() {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        try (Notebook notebook = new Notebook(silent)) {
            for (String cell : CELLS) {
                notebook.eval(cell);
            }
            notebook.complete("System.out.pri", 14);
            notebook.complete("Gen", 3);
        }
        if (SampleGrading.available()) {
            SampleGrading.run();
        }
    }
}
