package ledgerlearn.http;

import ledgerlearn.learn.Learner;
import ledgerlearn.sample.InvalidSampleException;

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
            return Response.error(503, e.getMessage());
        }
        if (failure instanceof Learner.KeyConflictException e) {
            return Response.error(409, e.getMessage());
        }
        if (failure instanceof OutOfMemoryError) {
            // the request's own allocations are garbage by now: answer, rather than lose the worker and the client
            LOG.log(System.Logger.Level.ERROR, "out of heap on " + request + "; answered 503");
            HttpError busy = HttpError.unavailable("the server ran out of memory for this request; retry later", 5);
            return Response.error(busy.status(), busy.getMessage()).withHeaders(busy.headers());
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + request, failure);
        return Response.error(500, "internal error");
    }
}
