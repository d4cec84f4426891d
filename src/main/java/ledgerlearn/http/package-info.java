/** HTTP requests in, JSON responses out: routing, body limits, and the one place where errors become statuses. */
package ledgerlearn.http;
