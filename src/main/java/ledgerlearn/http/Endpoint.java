package ledgerlearn.http;

import java.util.Set;

/** Answers one route: a routed request in, a response out; errors are thrown as {@link HttpError}. */
interface Endpoint {
    Response handle(Request request) throws Exception;

    /**
     * The query parameters the endpoint takes; the router refuses any other with a 400 that names these,
     * before the body is read, so a typo is an error, not silently ignored.
     */
    default Set<String> queryParams() {
        return Set.of();
    }

    /** What a 413 tells a client whose body was over the route's limit to do instead. */
    default String tooLargeAdvice() {
        return "send smaller batches";
    }

    /** Whether answering takes one of the workers; a probe that only reads a flag does not wait for one. */
    default boolean needsWorker() {
        return true;
    }
}
