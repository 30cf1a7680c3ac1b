/** A blog post. Records are encoded to JSON component by component: {"id":1,"title":"...","body":"..."}. */
public record Post(long id, String title, String body) {
}
