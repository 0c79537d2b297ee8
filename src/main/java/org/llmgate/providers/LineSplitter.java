package org.llmgate.providers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a UTF-8 byte stream into lines (ended by LF, CR or CRLF, as SSE allows) and refuses a line
 * longer than its bound: a hostile or broken upstream sending one endless line must not grow the
 * gateway's memory (issue 11 item 5). The JDK's line subscriber has no such bound. Splitting bytes
 * before decoding is safe for UTF-8, where CR and LF never occur inside a multi-byte character.
 * Not thread-safe: one per stream.
 */
public final class LineSplitter {

    /** A line longer than the bound arrived. */
    public static final class LineTooLong extends RuntimeException {
        LineTooLong(int limit) {
            super("upstream sent a line longer than " + limit + " bytes");
        }
    }

    private final int maxLineBytes;
    private byte[] line = new byte[256];
    private int length;
    private boolean afterCr;

    public LineSplitter(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Hands every line completed by {@code bytes} to {@code lines}, without its terminator. The
     * bytes between terminators are copied in one go (issue 16: a per-byte copy was the relay's
     * busiest method in the profile).
     */
    public void feed(ByteBuffer bytes, Consumer<String> lines) {
        int position = bytes.position();
        int limit = bytes.limit();
        while (position < limit) {
            if (afterCr) {
                afterCr = false;
                if (bytes.get(position) == '\n') {
                    position++; // the LF of a CRLF; the line went out with the CR
                    continue;
                }
            }
            int end = position;
            byte b = 0;
            while (end < limit && (b = bytes.get(end)) != '\n' && b != '\r') {
                end++;
            }
            append(bytes, position, end - position);
            if (end == limit) {
                break; // the line goes on in the next buffer
            }
            afterCr = b == '\r';
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            length = 0;
            lines.accept(text);
            position = end + 1;
        }
        bytes.position(limit);
    }

    /** The last line, if the stream ended without a terminator. */
    public void finish(Consumer<String> lines) {
        if (length > 0) {
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            length = 0;
            lines.accept(text);
        }
    }

    private void append(ByteBuffer bytes, int from, int count) {
        if (count == 0) {
            return;
        }
        if (length + count > line.length) {
            if (length + count > maxLineBytes) {
                throw new LineTooLong(maxLineBytes);
            }
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(length + count, length * 2)));
        }
        bytes.get(from, line, length, count);
        length += count;
    }
}
