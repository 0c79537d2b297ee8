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

    /** Hands every line completed by {@code bytes} to {@code lines}, without its terminator. */
    public void feed(ByteBuffer bytes, Consumer<String> lines) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF; the line went out with the CR
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                String text = new String(line, 0, length, StandardCharsets.UTF_8);
                length = 0;
                lines.accept(text);
            } else {
                append(b);
            }
        }
    }

    /** The last line, if the stream ended without a terminator. */
    public void finish(Consumer<String> lines) {
        if (length > 0) {
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            length = 0;
            lines.accept(text);
        }
    }

    private void append(byte b) {
        if (length == line.length) {
            if (length >= maxLineBytes) {
                throw new LineTooLong(maxLineBytes);
            }
            line = Arrays.copyOf(line, Math.min(maxLineBytes, length * 2));
        }
        line[length++] = b;
    }
}
