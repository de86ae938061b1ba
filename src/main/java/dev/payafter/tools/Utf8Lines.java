package dev.payafter.tools;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file's lines as strict UTF-8, one line at a time, in bounded memory: a line longer than the bound or
 * not valid UTF-8 is reported (with the file offset of the first bad byte) and skipped, and reading goes on with
 * the next line. A line ends at LF (a CR before it is dropped); a UTF-8 byte-order mark at the start is skipped.
 * Splitting on the byte 0x0A is safe in UTF-8: it never occurs inside a multi-byte sequence.
 */
final class Utf8Lines implements Closeable {
    /**
     * One line.
     *
     * @param number the 1-based line number
     * @param text the line without its line break, or null when {@code error} is set
     * @param error why the line cannot be read ({@code not valid UTF-8 (byte 0xc3 at offset 17)}), or null
     */
    record Line(int number, String text, String error) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private long offset; // of the next byte to read
    private int number;
    private boolean eof;

    /**
     * @param in the bytes (closed by {@link #close})
     * @param maxBytes the longest line, in bytes, without its line break
     */
    Utf8Lines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        if (eof) {
            return null;
        }
        long start = offset;
        int length = 0;
        boolean tooLong = false;
        boolean ended = false;
        while (!ended) {
            if (chunkStart == chunkEnd) {
                int n = in.read(chunk);
                if (n < 0) {
                    eof = true;
                    break;
                }
                chunkStart = 0;
                chunkEnd = n;
            }
            int end = chunkStart;
            while (end < chunkEnd && chunk[end] != '\n') {
                end++;
            }
            int take = end - chunkStart;
            if (!tooLong) {
                if ((long) length + take > maxBytes) {
                    tooLong = true;
                } else {
                    if (length + take > line.length) {
                        line = Arrays.copyOf(line, Math.min(maxBytes + 1, Math.max(line.length * 2, length + take)));
                    }
                    System.arraycopy(chunk, chunkStart, line, length, take);
                    length += take;
                }
            }
            offset += take;
            chunkStart = end;
            if (end < chunkEnd) { // the line break
                chunkStart++;
                offset++;
                ended = true;
            }
        }
        if (eof && !ended && length == 0 && !tooLong) {
            return null; // nothing after the last line break
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "the line is longer than " + maxBytes + " bytes");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int from = 0;
        if (start == 0 && length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb
                && (line[2] & 0xff) == 0xbf) {
            from = 3; // a byte-order mark
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, from, length - from);
        CharBuffer chars = CharBuffer.allocate(length - from);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int at = bytes.position();
            return new Line(number, null, String.format("not valid UTF-8 (byte 0x%02x at offset %d)",
                    line[at] & 0xff, start + at));
        }
        return new Line(number, chars.flip().toString(), null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
