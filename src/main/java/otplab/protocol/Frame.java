package otplab.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message on the control channel between the server and a worker.
 *
 * <p>Wire form (big-endian): {@code int length} of the rest, {@code byte type}, {@code long id},
 * {@code int count} of fields, each field as {@code int length} + UTF-8 bytes, then {@code int
 * length} + raw data bytes. Fields are key/value pairs in order (keys may repeat), data carries
 * learner output bytes unchanged. The format is hand-written because the worker's classpath holds
 * no JSON library.
 */
public record Frame(Type type, long id, List<String> fields, byte[] data) {
    /** Largest frame either side accepts; a bigger length means a broken or hostile peer. */
    public static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;

    /** What a frame asks or tells. Codes are stable: they are on the wire. */
    public enum Type {
        /** worker → server: the harness is up and JShell is warm. */
        HELLO(1),
        /** server → worker: evaluate the cell in field {@code code}. */
        EVAL(2),
        /** worker → server: learner output; field {@code stream} is {@code out} or {@code err}. */
        OUT(3),
        /** worker → server: the end of an evaluation with its status, values and diagnostics. */
        RESULT(4),
        /** server → worker: completion suggestions for {@code code} at {@code cursor}. */
        COMPLETE(5),
        /** worker → server: the suggestions, one {@code item} field each. */
        COMPLETIONS(6),
        /** server → worker: stop the running evaluation. */
        STOP(7),
        /** either side: the peer could not understand a request. */
        ERROR(8),
        /** server → worker: grade the solution whose request is the frame's data (a fresh worker each time). */
        GRADE(9),
        /** worker → server: the grading report as the frame's data. */
        GRADED(10),
        /**
         * server → worker: compile (never run) the files of the request in the frame's data, an
         * exercise's public starter and visible tests, to warm javac up before the grading; the
         * answer also says that the worker's {@code --warm-up} gradings are over (no data: only that).
         */
        WARM_UP(11),
        /** worker → server: the warm-up compilation is over (its outcome does not matter). */
        WARMED(12),
        /**
         * server → worker: start the learner's next page on this notebook worker: every process
         * killed, the framework's tables emptied, a new JShell (the JVM and its warm javac stay).
         */
        RESTART(13),
        /** worker → server: the answer to RESTART: {@code clean} true, or false with {@code why} (then the worker is retired). */
        RESTARTED(14),
        /** server → worker: a request from the page's panel for the router of {@code otp.web.Router.tryInPage}. */
        REQUEST(41),
        /** worker → server: the router's answer ({@code status}, {@code header} name/value pairs, {@code body}) or an {@code error}. */
        RESPONSE(42),
        /** server → worker: a page event ({@code view}, {@code event}, {@code param} name/value pairs) for the shown live view. */
        LIVE_EVENT(43),
        /** worker → server: the reply to a LIVE_EVENT: the new {@code html} or an {@code error}. */
        LIVE_REPLY(44),
        /** worker → server, unasked: the shown live view rendered new {@code html} (field {@code view}). */
        LIVE_RENDER(45),
        /** worker → server, unasked: a broadcast on a shared topic ({@code topic}, {@code json}) for the browser's other tabs. */
        PUBLISH(46),
        /** server → worker: a broadcast from another tab ({@code topic}, {@code json}). */
        DELIVER(47),
        /** worker → server, unasked: the process observer's latest snapshot ({@code json}), at most a few a second. */
        OBSERVED(48),
        /** server → worker: an observer action on one process ({@code action} {@code state} or {@code exit}, {@code pid}, {@code reason}). */
        OBSERVE(49),
        /** worker → server: the answer to an OBSERVE: the {@code state} text, {@code done}, or an {@code error}. */
        OBSERVE_REPLY(50);

        final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) throws IOException {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new IOException("unknown frame type " + code);
        }
    }

    private static final byte[] NO_DATA = new byte[0];

    public Frame {
        Objects.requireNonNull(type, "type must not be null");
        fields = List.copyOf(fields);
        if (fields.size() % 2 != 0) {
            throw new IllegalArgumentException("fields must be key/value pairs");
        }
        data = data == null ? NO_DATA : data;
    }

    public static Frame of(Type type, long id, String... keyValues) {
        return new Frame(type, id, List.of(keyValues), NO_DATA);
    }

    /** The first value stored under {@code key}. */
    public Optional<String> field(String key) {
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).equals(key)) {
                return Optional.of(fields.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** Every value stored under {@code key}, in order. */
    public List<String> all(String key) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).equals(key)) {
                values.add(fields.get(i + 1));
            }
        }
        return values;
    }

    public void writeTo(DataOutputStream out) throws IOException {
        List<byte[]> encoded = new ArrayList<>(fields.size());
        long length = 1 + 8 + 4 + 4 + data.length;
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            encoded.add(bytes);
            length += 4 + bytes.length;
        }
        if (length > MAX_FRAME_BYTES) {
            throw new IOException("frame of " + length + " bytes exceeds the limit");
        }
        out.writeInt((int) length);
        out.writeByte(type.code);
        out.writeLong(id);
        out.writeInt(encoded.size());
        for (byte[] bytes : encoded) {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.writeInt(data.length);
        out.write(data);
        out.flush();
    }

    /** Reads one frame, or throws {@link EOFException} when the peer closed the channel. */
    public static Frame readFrom(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 17 || length > MAX_FRAME_BYTES) {
            throw new IOException("frame length " + length + " is out of range");
        }
        Type type = Type.of(in.readUnsignedByte());
        long id = in.readLong();
        int count = in.readInt();
        int remaining = length - 13;
        if (count < 0 || count % 2 != 0 || count > remaining / 4) {
            throw new IOException("bad field count " + count);
        }
        List<String> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = readBlock(in, remaining - 4);
            remaining -= 4 + bytes.length;
            fields.add(new String(bytes, StandardCharsets.UTF_8));
        }
        byte[] data = readBlock(in, remaining - 4);
        return new Frame(type, id, fields, data);
    }

    private static byte[] readBlock(DataInputStream in, int limit) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > limit) {
            throw new IOException("block size " + size + " is out of range");
        }
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        return bytes;
    }
}
