/** Passwords and API tokens from the environment, held so that printing them (a record's toString, a log line) never shows them. */
package ledgerlearn.secret;
