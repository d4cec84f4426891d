/**
 * HTTP(S) requests in, JSON responses out (and Prometheus text at GET /metrics): API tokens, routing,
 * body limits, request counts and access log, and the one place where errors become statuses.
 */
package ledgerlearn.http;
