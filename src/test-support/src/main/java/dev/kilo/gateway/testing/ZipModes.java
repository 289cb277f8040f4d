package dev.kilo.gateway.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Unix file modes of a zip's entries, which {@link java.util.zip.ZipFile} does not expose: the Lambda zips' tests
 * check that {@code bootstrap} is executable.
 */
public final class ZipModes {

    private ZipModes() {
    }

    /**
     * Entry name to permission bits, from the central directory (APPNOTE.TXT 4.3.12): entries made on Unix
     * (upper byte of "version made by" = 3) keep {@code st_mode} in the upper 16 bits of the external attributes.
     */
    public static Map<String, Integer> unixModes(Path zip) throws IOException {
        ByteBuffer directory = centralDirectory(zip);
        Map<String, Integer> modes = new HashMap<>();
        while (directory.remaining() >= 46 && directory.getInt(directory.position()) == 0x02014b50) {
            int start = directory.position();
            int madeBy = Short.toUnsignedInt(directory.getShort(start + 4)) >> 8;
            int nameLength = Short.toUnsignedInt(directory.getShort(start + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(start + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(start + 32));
            int external = directory.getInt(start + 38);
            byte[] name = new byte[nameLength];
            directory.get(start + 46, name);
            if (madeBy == 3) {
                modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
            }
            directory.position(start + 46 + nameLength + extraLength + commentLength);
        }
        return modes;
    }

    /** Finds the end-of-central-directory record (at most 64 KiB of comment after it) and reads the directory. */
    private static ByteBuffer centralDirectory(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            int tailLength = (int) Math.min(channel.size(), 22 + 65_535);
            ByteBuffer tail = read(channel, channel.size() - tailLength, tailLength);
            for (int at = tailLength - 22; at >= 0; at--) {
                if (tail.getInt(at) == 0x06054b50) {
                    long size = Integer.toUnsignedLong(tail.getInt(at + 12));
                    long offset = Integer.toUnsignedLong(tail.getInt(at + 16));
                    return read(channel, offset, (int) size);
                }
            }
            throw new AssertionError(zip + " has no end-of-central-directory record");
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // FileChannel.read may return fewer bytes than asked for.
        }
        return buffer.flip();
    }
}
