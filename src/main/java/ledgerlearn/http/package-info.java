/**
 * HTTP requests in, JSON responses out (and Prometheus text at GET /metrics): routing, body limits,
 * request counts and access log, and the one place where errors become statuses.
 */
package ledgerlearn.http;
