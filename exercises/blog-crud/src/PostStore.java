import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The posts context: storage only, no HTTP. Given complete; the exercise is the web layer.
 * Ids start at 1 and are never reused; {@link #all()} lists posts by id.
 */
public final class PostStore {
    private final Map<Long, Post> posts = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    public List<Post> all() {
        return List.copyOf(posts.values());
    }

    public Optional<Post> get(long id) {
        return Optional.ofNullable(posts.get(id));
    }

    public Post insert(String title, String body) {
        Post post = new Post(nextId.getAndIncrement(), title, body);
        posts.put(post.id(), post);
        return post;
    }

    /** Replaces the post with this id; empty when there is none. */
    public Optional<Post> replace(Post post) {
        return Optional.ofNullable(posts.computeIfPresent(post.id(), (id, old) -> post));
    }

    /** True when a post was deleted. */
    public boolean delete(long id) {
        return posts.remove(id) != null;
    }
}
