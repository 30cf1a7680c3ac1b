/** A chat message as broadcast on a room's PubSub topic. */
public record ChatMessage(String from, String text) {
}
