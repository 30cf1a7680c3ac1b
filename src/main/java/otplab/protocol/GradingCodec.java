package otplab.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of grading requests and reports, so they can travel over any byte channel
 * between the grader and a worker. The worker has no JSON library on its classpath, and a
 * length-prefixed form cannot be confused by whatever text a test prints.
 */
public final class GradingCodec {
    /** The message of a grading worker's ERROR answer when its heap ran out during grading. */
    public static final String OUT_OF_MEMORY = "out of memory";

    private static final int REQUEST_MAGIC = 0x4f54_5251;   // "OTRQ"
    private static final int REPORT_MAGIC = 0x4f54_5250;    // "OTRP"
    private static final int MAX_STRING_BYTES = 16 * 1024 * 1024;
    private static final int MAX_ITEMS = 100_000;
    private static final byte COMPILE_FAILED = 1;
    private static final byte RAN = 2;
    private static final byte REJECTED = 3;

    private GradingCodec() {}

    public static byte[] encode(GradingRequest request) {
        return write(out -> {
            out.writeInt(REQUEST_MAGIC);
            out.writeInt(request.learnerFiles().size());
            for (SourceFile file : request.learnerFiles()) {
                writeFile(out, file);
            }
            out.writeInt(request.tests().size());
            for (TestSource test : request.tests()) {
                writeFile(out, test.file());
                out.writeBoolean(test.hidden());
            }
            out.writeLong(request.testTimeout().toMillis());
        });
    }

    public static GradingRequest decodeRequest(byte[] bytes) throws IOException {
        DataInputStream in = reader(bytes, REQUEST_MAGIC);
        int learnerCount = count(in);
        List<SourceFile> learner = new ArrayList<>(learnerCount);
        for (int i = 0; i < learnerCount; i++) {
            learner.add(readFile(in));
        }
        int testCount = count(in);
        List<TestSource> tests = new ArrayList<>(testCount);
        for (int i = 0; i < testCount; i++) {
            tests.add(new TestSource(readFile(in), in.readBoolean()));
        }
        return new GradingRequest(learner, tests, Duration.ofMillis(in.readLong()));
    }

    public static byte[] encode(GradingReport report) {
        return write(out -> {
            out.writeInt(REPORT_MAGIC);
            switch (report) {
                case GradingReport.CompileFailed failed -> {
                    out.writeByte(COMPILE_FAILED);
                    out.writeInt(failed.diagnostics().size());
                    for (GradingReport.CompileDiagnostic d : failed.diagnostics()) {
                        writeString(out, d.file());
                        out.writeLong(d.line());
                        out.writeLong(d.column());
                        writeString(out, d.message());
                    }
                }
                case GradingReport.Rejected rejected -> {
                    out.writeByte(REJECTED);
                    writeString(out, rejected.message());
                }
                case GradingReport.Ran ran -> {
                    out.writeByte(RAN);
                    out.writeInt(ran.outcomes().size());
                    for (TestOutcome o : ran.outcomes()) {
                        writeOutcome(out, o);
                    }
                    out.writeInt(ran.containerFailures().size());
                    for (GradingReport.ContainerFailure f : ran.containerFailures()) {
                        writeString(out, f.name());
                        writeString(out, f.message());
                    }
                }
            }
        });
    }

    public static GradingReport decodeReport(byte[] bytes) throws IOException {
        DataInputStream in = reader(bytes, REPORT_MAGIC);
        byte kind = in.readByte();
        return switch (kind) {
            case COMPILE_FAILED -> {
                int n = count(in);
                List<GradingReport.CompileDiagnostic> diagnostics = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    diagnostics.add(new GradingReport.CompileDiagnostic(
                            readString(in), in.readLong(), in.readLong(), readString(in)));
                }
                yield new GradingReport.CompileFailed(diagnostics);
            }
            case RAN -> {
                int n = count(in);
                List<TestOutcome> outcomes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    outcomes.add(readOutcome(in));
                }
                int f = count(in);
                List<GradingReport.ContainerFailure> failures = new ArrayList<>(f);
                for (int i = 0; i < f; i++) {
                    failures.add(new GradingReport.ContainerFailure(readString(in), readString(in)));
                }
                yield new GradingReport.Ran(outcomes, failures);
            }
            case REJECTED -> new GradingReport.Rejected(readString(in));
            default -> throw new IOException("unknown report kind " + kind);
        };
    }

    private static void writeOutcome(DataOutputStream out, TestOutcome o) throws IOException {
        writeString(out, o.className());
        writeString(out, o.methodName());
        writeString(out, o.name());
        out.writeByte(o.status().ordinal());
        writeString(out, o.message());
        writeString(out, o.output());
        writeString(out, o.testCode());
        out.writeBoolean(o.hidden());
        out.writeInt(o.taskId() == null ? -1 : o.taskId());
        out.writeLong(o.durationNanos());
        out.writeInt(o.order());
    }

    private static TestOutcome readOutcome(DataInputStream in) throws IOException {
        String className = readString(in);
        String methodName = readString(in);
        String name = readString(in);
        int status = in.readByte();
        if (status < 0 || status >= TestOutcome.Status.values().length) {
            throw new IOException("unknown test status " + status);
        }
        String message = readString(in);
        String output = readString(in);
        String testCode = readString(in);
        boolean hidden = in.readBoolean();
        int task = in.readInt();
        return new TestOutcome(className, methodName, name, TestOutcome.Status.values()[status], message,
                output, testCode, hidden, task < 0 ? null : task, in.readLong(), in.readInt());
    }

    private static void writeFile(DataOutputStream out, SourceFile file) throws IOException {
        writeString(out, file.name());
        writeString(out, file.content());
    }

    private static SourceFile readFile(DataInputStream in) throws IOException {
        return new SourceFile(readString(in), readString(in));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new IOException("a string of " + length + " bytes is out of range");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("a list of " + n + " items is out of range");
        }
        return n;
    }

    private static DataInputStream reader(byte[] bytes, int magic) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (in.readInt() != magic) {
                throw new IOException("not a grading message");
            }
        } catch (EOFException e) {
            throw new IOException("an empty grading message", e);
        }
        return in;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
