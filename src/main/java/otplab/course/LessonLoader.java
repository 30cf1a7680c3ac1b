package otplab.course;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one lesson file into a {@link Lesson}; every mistake becomes an {@link AuthoringProblem}, never an exception. */
public final class LessonLoader {
    /** {@code NN-slug.md}: the number orders the lesson, the slug names its URL. */
    public static final Pattern FILE_NAME = Pattern.compile("(\\d{1,4})-([a-z0-9][a-z0-9-]*)\\.md");
    public static final String TITLE = "title";
    public static final String PART = "part";
    public static final String SUMMARY = "summary";
    public static final String MINUTES = "minutes";
    public static final String EXERCISES = "exercises";
    public static final String ORDER = "order";
    public static final int MAX_MINUTES = 600;
    private static final List<String> FIELDS = List.of(TITLE, PART, SUMMARY, MINUTES, EXERCISES, ORDER);
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final MarkdownRenderer renderer;

    public LessonLoader(MarkdownRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer must not be null");
    }

    /**
     * Loads {@code path}, naming it {@code displayName} in problems.
     */
    public Lesson load(Path path, String displayName) {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(displayName, "displayName must not be null");
        List<AuthoringProblem> problems = new ArrayList<>();
        String fileName = path.getFileName().toString();
        Matcher name = FILE_NAME.matcher(fileName);
        String slug;
        int number;
        if (name.matches()) {
            number = Integer.parseInt(name.group(1));
            slug = name.group(2);
        } else {
            number = Integer.MAX_VALUE;
            slug = fileName.toLowerCase(Locale.ROOT).replaceAll("\\.md$", "").replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("^-+|-+$", "");
            problems.add(new AuthoringProblem(displayName, 1, "lesson files are named NN-slug.md (a number, a dash, "
                    + "lower-case words joined by dashes), e.g. 03-supervisors.md"));
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (MalformedInputException notUtf8) {
            problems.add(new AuthoringProblem(displayName, 1, "the file is not UTF-8 text; save it as UTF-8"));
            return brokenLesson(slug, displayName, number, problems);
        } catch (IOException unreadable) {
            problems.add(new AuthoringProblem(displayName, 1, "the file cannot be read: " + unreadable.getMessage()));
            return brokenLesson(slug, displayName, number, problems);
        }
        FrontMatter frontMatter = FrontMatter.parse(text);
        frontMatter.problems().forEach(p -> problems.add(new AuthoringProblem(displayName, p.line(), p.message())));
        for (FrontMatter.Field field : frontMatter.fields().values()) {
            if (!FIELD_SET.contains(field.key())) {
                problems.add(new AuthoringProblem(displayName, field.line(), "unknown front matter field `"
                        + field.key() + "`; known fields: " + String.join(", ", FIELDS)));
            }
        }
        String title = requiredText(frontMatter, TITLE, displayName, problems).orElse(titleFromSlug(slug));
        Part part = requiredText(frontMatter, PART, displayName, problems).flatMap(text1 -> {
            Optional<Part> parsed = Part.fromTitle(text1);
            if (parsed.isEmpty()) {
                problems.add(new AuthoringProblem(displayName, frontMatter.fields().get(PART).line(),
                        "part `" + text1 + "` is not one of " + Part.allTitles()));
            }
            return parsed;
        }).orElse(Part.OTP);
        String summary = optionalText(frontMatter, SUMMARY, displayName, problems).orElse("");
        int minutes = optionalNumber(frontMatter, MINUTES, 1, MAX_MINUTES, displayName, problems).orElse(0);
        int order = optionalNumber(frontMatter, ORDER, 0, Integer.MAX_VALUE - 1, displayName, problems).orElse(number);
        List<String> exercises = exercises(frontMatter, displayName, problems);

        MarkdownRenderer.Rendered rendered = renderer.render(text);
        rendered.problems().forEach(p -> problems.add(new AuthoringProblem(displayName, p.line(), p.message())));
        problems.sort(Comparator.comparingInt(AuthoringProblem::line));
        return new Lesson(slug, displayName, order, title, part, summary, minutes, exercises, rendered.html(),
                rendered.toc(), rendered.cells(), problems);
    }

    private static Lesson brokenLesson(String slug, String file, int order, List<AuthoringProblem> problems) {
        return new Lesson(slug, file, order, titleFromSlug(slug), Part.OTP, "", 0, List.of(), "", List.of(),
                List.of(), problems);
    }

    private static String titleFromSlug(String slug) {
        if (slug.isEmpty()) {
            return "Untitled lesson";
        }
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static Optional<String> requiredText(FrontMatter fm, String key, String file, List<AuthoringProblem> problems) {
        Optional<FrontMatter.Field> field = fm.field(key);
        if (field.isEmpty()) {
            if (fm.lastLine() > 0) {
                problems.add(new AuthoringProblem(file, 1, "the front matter has no `" + key + "` field"
                        + (key.equals(PART) ? "; use one of " + Part.allTitles() : "")));
            }
            return Optional.empty();
        }
        return optionalText(fm, key, file, problems);
    }

    private static Optional<String> optionalText(FrontMatter fm, String key, String file, List<AuthoringProblem> problems) {
        return fm.field(key).flatMap(field -> {
            if (field.value() instanceof String s && !s.isBlank()) {
                return Optional.of(s);
            }
            problems.add(new AuthoringProblem(file, field.line(), "`" + key + "` must be a short piece of text"));
            return Optional.empty();
        });
    }

    private static Optional<Integer> optionalNumber(FrontMatter fm, String key, int min, int max, String file,
                                                    List<AuthoringProblem> problems) {
        return fm.field(key).flatMap(field -> {
            if (field.value() instanceof String s && s.matches("\\d{1,9}")) {
                int value = Integer.parseInt(s);
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            }
            problems.add(new AuthoringProblem(file, field.line(), "`" + key + "` must be a whole number from "
                    + min + " to " + max + ", was `" + field.value() + "`"));
            return Optional.empty();
        });
    }

    private static List<String> exercises(FrontMatter fm, String file, List<AuthoringProblem> problems) {
        Optional<FrontMatter.Field> field = fm.field(EXERCISES);
        if (field.isEmpty()) {
            return List.of();
        }
        List<String> values = switch (field.get().value()) {
            case String single when single.isBlank() -> List.of();
            case String single -> List.of(single);
            case List<?> list -> list.stream().map(String::valueOf).toList();
            default -> List.of();
        };
        List<String> slugs = new ArrayList<>();
        for (String value : values) {
            if (SLUG.matcher(value).matches()) {
                slugs.add(value);
            } else {
                problems.add(new AuthoringProblem(file, field.get().line(), "exercise `" + value
                        + "` is not an exercise folder name (lower-case words joined by dashes)"));
            }
        }
        return slugs;
    }
}
