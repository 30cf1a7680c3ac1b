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
            case "serve" -> ServeCommand.run(System.getenv(), home(), out, err);
            case "bench" -> notYetAvailable(command, err);
            default -> {
                err.println("otplab: unknown command '" + command + "'; see ./otplab --help");
                yield EXIT_USAGE;
            }
        };
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
