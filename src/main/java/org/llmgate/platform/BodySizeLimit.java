package org.llmgate.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.platform.problem.ProblemResponses;

/**
 * Refuses oversized bodies with 413 before they are parsed: by Content-Length when there is one,
 * and by counting when the body is chunked.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter {

    @Inject
    Settings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = settings.maxBodyBytes();
        if (request.getLength() > limit) {
            request.abortWith(ProblemResponses.of(JsonRequestBody.tooLarge(limit)));
            return;
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), limit));
    }

    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ProblemException(413, "Payload too large",
                        JsonRequestBody.tooLarge(limit).detail(), java.util.List.of());
            }
        }
    }
}
