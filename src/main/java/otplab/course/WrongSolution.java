package otplab.course;

import java.util.List;
import java.util.Objects;
import otplab.protocol.SourceFile;

/**
 * A plausible wrong solution kept with an exercise ({@code wrong/<name>/}): {@code check} proves
 * that at least one test catches it. {@code files} is the whole solution as graded (the folder's
 * files over the reference solution's); {@code note} names the requirement it breaks.
 */
public record WrongSolution(String name, String note, List<SourceFile> files) {
    public WrongSolution {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(note, "note must not be null");
        files = List.copyOf(files);
    }
}
