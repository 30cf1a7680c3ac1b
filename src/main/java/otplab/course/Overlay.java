package otplab.course;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import otplab.protocol.SourceFile;

/**
 * One folder's files laid over another's: a file of the same name replaces the base's, a new
 * name is added, the base's other files stay. Solutions and wrong solutions are written this way
 * so that a file they share with the starter (or the reference) exists once.
 */
final class Overlay {
    private Overlay() {}

    static List<SourceFile> apply(List<SourceFile> base, List<SourceFile> over) {
        Map<String, SourceFile> merged = new LinkedHashMap<>();
        base.forEach(f -> merged.put(f.name(), f));
        over.forEach(f -> merged.put(f.name(), f));
        return new ArrayList<>(merged.values());
    }

    /**
     * The problems of {@code over} as an overlay on {@code base}: a file that replaces nothing (a
     * learner can only send the starter's files) and a file identical to the one it replaces.
     */
    static List<String> problems(String folder, List<SourceFile> over, String baseName, List<SourceFile> baseFiles) {
        Map<String, String> baseText = new LinkedHashMap<>();
        baseFiles.forEach(f -> baseText.put(f.name(), f.content()));
        List<String> problems = new ArrayList<>();
        for (SourceFile f : over) {
            String twin = baseText.get(f.name());
            if (twin == null) {
                problems.add(folder + "/" + f.name() + " replaces no file of " + ExerciseLoader.STARTER_DIR
                        + "/ (learners can only send the files of " + ExerciseLoader.STARTER_DIR + "/: "
                        + String.join(", ", baseText.keySet()) + ")");
            } else if (twin.equals(f.content())) {
                problems.add(folder + "/" + f.name() + " is the same as " + f.name() + " of " + baseName
                        + "; delete it (a file missing from " + folder + "/ is taken from " + baseName + ")");
            }
        }
        return problems;
    }
}
