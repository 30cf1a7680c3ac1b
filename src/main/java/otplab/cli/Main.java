package otplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Entry point of the {@code ./otplab} launcher once the JVM runs: dispatches a subcommand. */
public final class Main {
    static final int EXIT_USAGE = 3;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("otplab: a command is required; see ./otplab --help");
            return EXIT_USAGE;
        }
        String command = args[0];
        return switch (command) {
            case "grade" -> GradeCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
            case "check" -> CheckCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
            case "serve" -> serve(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
            case "release" -> ReleaseCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), home(), out, err);
            case "stop" -> StopCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
            case "bench" -> notYetAvailable(command, err);
            default -> {
                err.println("otplab: unknown command '" + command + "'; see ./otplab --help");
                yield EXIT_USAGE;
            }
        };
    }

    /** {@code serve}, or with {@code --train-aot} the launcher's AOT training run of the server. */
    private static int serve(String[] args, PrintStream out, PrintStream err) {
        boolean training = args.length == 1 && args[0].equals(ServeCommand.TRAIN_AOT);
        if (args.length > 0 && !training) {
            err.println("otplab serve: takes no arguments (PORT, HOST, LESSONS_DIR and the other variables configure it)");
            return EXIT_USAGE;
        }
        return ServeCommand.run(System.getenv(), home(), out, err, training);
    }

    /** The repository root: set by the launcher as -Dotplab.home, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("otplab.home", ".")).toAbsolutePath().normalize();
    }

    private static int notYetAvailable(String command, PrintStream err) {
        err.println("otplab: '" + command + "' is not yet available in this build.");
        return EXIT_USAGE;
    }
}
