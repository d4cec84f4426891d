/** RFC 4180 CSV as pandas writes it: records of strings in and out, read from bytes so each record's end is a byte offset. */
package ledgerlearn.csv;
