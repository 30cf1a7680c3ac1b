package otplab.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import otplab.course.Exercise;
import otplab.course.ExerciseLoader;
import otplab.protocol.SourceFile;
import otplab.web.HttpProblem;

/**
 * Reads the body of "Run tests" and "Submit": {@code {"files": {"Counter.java": "..."}}}. Only
 * the exercise's own file names are accepted; a file left out keeps the starter's version.
 */
final class SubmissionRequest {
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");
    /** Room for JSON quoting and escapes around files of the largest allowed size. */
    private static final int BODY_OVERHEAD = 16 * 1024;
    static final String EXAMPLE = "{\"files\": {\"Name.java\": \"...\"}}";

    private SubmissionRequest() {}

    static int maxBodyBytes(Exercise exercise) {
        return exercise.starter().size() * ExerciseLoader.MAX_FILE_BYTES * 2 + BODY_OVERHEAD;
    }

    /** The learner's files by name, in starter order, or an {@link HttpProblem} (400) saying what is wrong. */
    static Map<String, String> parse(byte[] body, Exercise exercise, ObjectMapper json) {
        if (body.length > maxBodyBytes(exercise)) {
            throw HttpProblem.badRequest("The request is too large (" + body.length / 1024 + " KiB); each file may hold at most "
                    + ExerciseLoader.MAX_FILE_BYTES / 1024 + " KiB.");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw HttpProblem.badRequest("The request body is not JSON; send " + EXAMPLE + ".");
        }
        JsonNode files = root == null ? null : root.get("files");
        if (files == null || !files.isObject()) {
            throw HttpProblem.badRequest("The request needs a `files` object; send " + EXAMPLE + ".");
        }
        if (files.isEmpty()) {
            throw HttpProblem.badRequest("`files` is empty; send at least one of " + names(exercise) + ".");
        }
        Map<String, String> sent = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : files.properties()) {
            String name = entry.getKey();
            if (!JAVA_NAME.matcher(name).matches()) {
                throw HttpProblem.badRequest("`" + name + "` is not a Java file name (like `Counter.java`); this exercise's files are "
                        + names(exercise) + ".");
            }
            if (exercise.starter().stream().noneMatch(f -> f.name().equals(name))) {
                throw HttpProblem.badRequest("`" + name + "` is not a file of this exercise; its files are " + names(exercise) + ".");
            }
            if (!entry.getValue().isTextual()) {
                throw HttpProblem.badRequest("The content of `" + name + "` must be a string of Java source.");
            }
            String code = entry.getValue().asText();
            if (code.getBytes(StandardCharsets.UTF_8).length > ExerciseLoader.MAX_FILE_BYTES) {
                throw HttpProblem.badRequest("`" + name + "` is too large; a file may hold at most "
                        + ExerciseLoader.MAX_FILE_BYTES / 1024 + " KiB.");
            }
            sent.put(name, code);
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (SourceFile starter : exercise.starter()) {
            all.put(starter.name(), sent.getOrDefault(starter.name(), starter.content()));
        }
        return all;
    }

    static List<SourceFile> sources(Map<String, String> files) {
        return files.entrySet().stream().map(e -> new SourceFile(e.getKey(), e.getValue())).toList();
    }

    private static String names(Exercise exercise) {
        return exercise.starter().stream().map(f -> "`" + f.name() + "`").toList().toString();
    }
}
