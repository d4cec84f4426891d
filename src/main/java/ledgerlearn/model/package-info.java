/** Transactions and their booked accounts in, ranked account predictions out: an incrementally learnt multinomial naive Bayes. */
package ledgerlearn.model;
