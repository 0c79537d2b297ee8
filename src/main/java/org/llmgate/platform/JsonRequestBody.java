package org.llmgate.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.llmgate.platform.problem.Problem;
import org.llmgate.platform.problem.ProblemException;

/**
 * The JSON body of a call to a servlet that answers without JAX-RS (the chat endpoints): the same
 * refusals {@link BodySizeLimit}, {@code JsonOnlyWrites} and {@code @Consumes(application/json)}
 * give the JAX-RS routes, in the same order.
 */
public final class JsonRequestBody {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private JsonRequestBody() {
    }

    /**
     * 413 for a declared length over the limit, 415 for a write (POST, PUT, PATCH, DELETE) with
     * anything but JSON; null when neither. Reads nothing.
     */
    public static Problem refusal(HttpServletRequest request, long limit) {
        if (request.getContentLengthLong() > limit) {
            return tooLarge(limit);
        }
        if (!WRITES.contains(request.getMethod())) {
            return null;
        }
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (contentType == null ? hasBody : !isJson(contentType)) {
            return Problem.of(415, "Send the body as application/json");
        }
        return null;
    }

    /** The body as text, counted as it is read: a chunked body over the limit is a 413 too. */
    public static String read(HttpServletRequest request, long limit) throws IOException {
        try (InputStream in = request.getInputStream()) {
            long declared = request.getContentLengthLong();
            byte[] body = declared >= 0 && declared <= limit
                    ? readDeclared(in, (int) declared)
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new ProblemException(413, "Payload too large", tooLarge(limit).detail(), List.of());
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A body of a declared length, read into an array of that length: reading up to the limit took
     * an 8 KiB chunk and a copy for every chat (issue 16: 4 % of the chat servlet's time). The
     * container delivers no more than the declared length; a body cut short is what arrived.
     */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    static boolean isJson(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    /** The 413 every route answers for a body over the limit. */
    static Problem tooLarge(long limit) {
        return Problem.of(413, "The request body is larger than " + limit + " bytes");
    }
}
