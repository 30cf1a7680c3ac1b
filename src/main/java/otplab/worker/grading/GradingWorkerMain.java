package otplab.worker.grading;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Entry point of a grading worker JVM. It connects to the grader's private socket before any
 * learner code exists, reads one request, grades it and writes one report back on that socket.
 * Learner code only ever sees the captured System.out/err; what it writes to the raw standard
 * streams is plain output to the grader, never a report.
 */
public final class GradingWorkerMain {
    static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;
    public static final int HARNESS_FAULT = 70;

    private GradingWorkerMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GradingWorkerMain SOCKET_PATH");
            Runtime.getRuntime().halt(2);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
        GradingRequest request = GradingCodec.decodeRequest(readFrame(in));
        PrintStream harnessErr = System.err;
        OutputCapture capture = new OutputCapture();
        capture.install();
        GradingReport report;
        try {
            report = GradingEngine.create().grade(request, capture);
        } catch (RuntimeException | Error e) {
            // A fault of the harness, not of the solution: the grader logs this text.
            e.printStackTrace(harnessErr);
            harnessErr.flush();
            Runtime.getRuntime().halt(HARNESS_FAULT);
            return;
        }
        byte[] frame = GradingCodec.encode(report);
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
        // Threads a learner left running (a spinning process, a test abandoned after its
        // timeout) must not keep the worker alive once the report is out.
        Runtime.getRuntime().halt(0);
    }

    static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("a frame of " + length + " bytes is out of range");
        }
        return in.readNBytes(length);
    }
}
