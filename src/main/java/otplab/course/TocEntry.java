package otplab.course;

/** A heading in a lesson's table of contents: level 2 or 3, its text and its anchor id. */
public record TocEntry(int level, String text, String id) {}
