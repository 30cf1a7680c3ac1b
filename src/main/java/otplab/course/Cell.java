package otplab.course;

import java.util.Objects;

/**
 * A runnable Java cell of a lesson: a fenced {@code java} block.
 *
 * @param id stable name, unique in its lesson ({@code cell-N} unless the author gave one)
 * @param number 1-based position among the lesson's Java cells
 * @param line 1-based line of the opening fence in the lesson file
 * @param code the cell's source as the author wrote it
 * @param attributes what the fence's attributes say about running it
 */
public record Cell(String id, int number, int line, String code, CellAttributes attributes) {
    public Cell {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(attributes, "attributes must not be null");
    }

    public boolean runnable() {
        return attributes.run();
    }

    public boolean shown() {
        return attributes.setup() != CellAttributes.Setup.HIDDEN;
    }

    public boolean setup() {
        return attributes.setup() != CellAttributes.Setup.NONE;
    }
}
