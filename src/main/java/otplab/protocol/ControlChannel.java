package otplab.protocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * Framed messages over one connected socket. Reads and writes may run on different threads;
 * writes from several threads are serialised so frames never interleave.
 */
public final class ControlChannel implements Closeable {
    private final SocketChannel socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Object writeLock = new Object();

    public ControlChannel(SocketChannel socket) {
        this.socket = Objects.requireNonNull(socket, "socket must not be null");
        this.in = new DataInputStream(new BufferedInputStream(new Reading(socket), 64 * 1024));
        this.out = new DataOutputStream(new BufferedOutputStream(new Writing(socket), 64 * 1024));
    }

    public void send(Frame frame) throws IOException {
        synchronized (writeLock) {
            frame.writeTo(out);
        }
    }

    public Frame receive() throws IOException {
        return Frame.readFrom(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads straight from the channel: {@code Channels.newInputStream} would share a lock with writes. */
    private static final class Reading extends InputStream {
        private final SocketChannel socket;

        Reading(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return socket.read(ByteBuffer.wrap(bytes, offset, length));
        }
    }

    private static final class Writing extends OutputStream {
        private final SocketChannel socket;

        Writing(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                socket.write(buffer);
            }
        }
    }
}
