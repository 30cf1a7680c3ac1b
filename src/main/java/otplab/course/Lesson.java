package otplab.course;

import java.util.List;
import java.util.Objects;

/**
 * One lesson, parsed and rendered once when its file is read.
 *
 * @param slug the name in its URL ({@code /lessons/genserver} for {@code lessons/02-genserver.md})
 * @param file the file as the author knows it, e.g. {@code lessons/02-genserver.md}
 * @param order position within its part (the front matter's {@code order}, else the file's number)
 * @param minutes estimated reading and trying time; 0 when the author gave none
 * @param exercises slugs of the exercises this lesson leads to
 * @param html the rendered body
 * @param problems the author's mistakes; a lesson with problems still renders what it can
 */
public record Lesson(
        String slug,
        String file,
        int order,
        String title,
        Part part,
        String summary,
        int minutes,
        List<String> exercises,
        String html,
        List<TocEntry> toc,
        List<Cell> cells,
        List<AuthoringProblem> problems) {

    public Lesson {
        Objects.requireNonNull(slug, "slug must not be null");
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(part, "part must not be null");
        Objects.requireNonNull(summary, "summary must not be null");
        Objects.requireNonNull(html, "html must not be null");
        exercises = List.copyOf(exercises);
        toc = List.copyOf(toc);
        cells = List.copyOf(cells);
        problems = List.copyOf(problems);
    }

    /** Whether the author has something to fix in this lesson's file. */
    public boolean broken() {
        return !problems.isEmpty();
    }

    /** The cells that run before the learner's first run, in lesson order. */
    public List<Cell> setupCells() {
        return cells.stream().filter(Cell::setup).toList();
    }

    public String url() {
        return "/lessons/" + slug;
    }
}
