package ledgerlearn.http;

import java.util.Map;
import ledgerlearn.learn.Learner;
import ledgerlearn.sample.InvalidSampleException;
import ledgerlearn.telemetry.LogText;

/**
 * The one place where a failure becomes a status. Every error is answered {@code {"error": message}}:
 * an {@link HttpError} with its own status and headers, an invalid sample 400, a store that cannot take
 * a batch 503, an idempotency key sent before with other rows 409. Anything else is a bug: it is logged once, with its stack trace, and answered 500
 * {@code "internal error"}, never with the trace.
 */
final class ExceptionMapper {
    private static final System.Logger LOG = System.getLogger("ledgerlearn.http");

    private ExceptionMapper() {}

    /** The answer to {@code request} (e.g. {@code "POST /sample"}, for the log) that failed with {@code failure}. */
    static Response toResponse(Throwable failure, String request) {
        if (failure instanceof HttpError e) {
            return Response.error(e.status(), e.getMessage()).withHeaders(e.headers());
        }
        if (failure instanceof InvalidSampleException e) {
            return Response.error(400, e.getMessage());
        }
        if (failure instanceof Learner.StoreFailedException e) {
            Response refused = Response.error(503, e.getMessage());
            return e.retryAfterSeconds() > 0
                    ? refused.withHeaders(Map.of("Retry-After", String.valueOf(e.retryAfterSeconds()))) : refused;
        }
        if (failure instanceof Learner.KeyConflictException e) {
            return Response.error(409, e.getMessage());
        }
        if (failure instanceof OutOfMemoryError) {
            // a last resort: the memory budget for bodies should keep this from happening
            LOG.log(System.Logger.Level.ERROR, "out of memory on " + LogText.escape(request));
            return Response.error(503, "server out of memory; retry later").withHeaders(Map.of("Retry-After", "5"));
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + LogText.escape(request), failure);
        return Response.error(500, "internal error");
    }
}
