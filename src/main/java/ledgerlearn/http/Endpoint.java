package ledgerlearn.http;

/** Answers one route: a routed request in, a response out; errors are thrown as {@link HttpError}. */
@FunctionalInterface
interface Endpoint {
    Response handle(Request request) throws Exception;
}
