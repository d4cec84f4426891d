/** HTTP(S) requests in, JSON responses (and the dashboard page) out: API tokens, routing, body limits, and the one place where errors become statuses. */
package ledgerlearn.http;
