package otplab.grader;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import otplab.course.ExerciseLoader;
import otplab.protocol.SourceFile;

/**
 * Reads a learner's solution folder: its {@code .java} files, taken from {@code src/} when the
 * folder has one (a copy of the exercise folder), else from the folder itself.
 */
public final class SolutionFiles {

    /** A solution folder that cannot be read as a whole. */
    public static final class UnreadableSolutionException extends Exception {
        public UnreadableSolutionException(String message) {
            super(message);
        }
    }

    private SolutionFiles() {}

    public static List<SourceFile> read(Path folder) throws UnreadableSolutionException {
        if (!Files.isDirectory(folder)) {
            throw new UnreadableSolutionException(folder + " is not a folder");
        }
        Path dir = Files.isDirectory(folder.resolve(ExerciseLoader.STARTER_DIR))
                ? folder.resolve(ExerciseLoader.STARTER_DIR) : folder;
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !name.endsWith(".java")) {
                    continue;
                }
                if (Files.size(p) > ExerciseLoader.MAX_FILE_BYTES) {
                    throw new UnreadableSolutionException(name + " is larger than "
                            + ExerciseLoader.MAX_FILE_BYTES / 1024 + " KiB");
                }
                files.add(new SourceFile(name, Files.readString(p, StandardCharsets.UTF_8)));
            }
        } catch (MalformedInputException e) {
            throw new UnreadableSolutionException("a file in " + dir + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UnreadableSolutionException("cannot read " + dir + ": " + e.getMessage());
        }
        return files;
    }
}
