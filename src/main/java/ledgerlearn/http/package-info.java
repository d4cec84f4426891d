/**
 * HTTP(S) requests in, JSON responses (the dashboard page, Prometheus text at GET /metrics) out: API
 * tokens, routing, body limits, request counts and access log, and the one place where errors become statuses.
 */
package ledgerlearn.http;
