package otplab.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.jvm.RunGate;
import otplab.jvm.ShuttingDownException;
import otplab.web.CourseServer;

/**
 * How {@code serve} stops on SIGTERM (or Ctrl+C), like an OTP release's orderly shutdown: no new
 * runs or gradings (they are told the server is shutting down), open pages hear it over their
 * socket, running cells and gradings get up to the grace period to finish and be delivered, then
 * the server stops, which ends every worker and closes the store.
 */
final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private GracefulStop() {}

    /** Drains and stops; true when everything that was running finished within {@code grace}. */
    static boolean run(CourseServer server, RunGate gate, Duration grace, PrintStream out) {
        gate.close();
        int running = gate.inside();
        out.println("OTP Lab is stopping: new runs are refused; waiting up to " + grace.toSeconds() + " s for "
                + running + " running cell" + (running == 1 ? "" : "s") + " and grading" + (running == 1 ? "" : "s") + ".");
        out.flush();
        server.announceShutdown(ShuttingDownException.MESSAGE);
        boolean drained;
        try {
            drained = gate.awaitEmpty(grace);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            LOG.warn("{} runs or gradings were still running after {} s; their workers are ended now", gate.inside(), grace.toSeconds());
        }
        server.stop();
        out.println("OTP Lab stopped.");
        out.flush();
        return drained;
    }
}
