package otp;

/** One queued message with its internal tag; see {@link Mailbox}. */
class MailboxNode {
    Object msg;
    /** Null for a plain message; a {@link From} for a call, a Mailbox marker for cast/stop, or a {@link Ref} for a reply. */
    Object tag;
    volatile MailboxNode next;

    MailboxNode() {
    }

    MailboxNode(Object msg, Object tag) {
        this.msg = msg;
        this.tag = tag;
    }
}
