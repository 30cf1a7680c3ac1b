package otplab.course;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parts of the course, in the order the index shows them. */
public enum Part {
    OTP("OTP"),
    PHOENIX("Phoenix"),
    ECTO("Ecto"),
    RELEASES("Releases");

    private final String title;

    Part(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The part whose title matches {@code text}, ignoring case. */
    public static Optional<Part> fromTitle(String text) {
        return Arrays.stream(values()).filter(p -> p.title.equalsIgnoreCase(text.strip())).findFirst();
    }

    static String allTitles() {
        return Arrays.stream(values()).map(Part::title).collect(Collectors.joining(", "));
    }
}
