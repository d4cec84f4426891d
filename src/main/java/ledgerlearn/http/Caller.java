package ledgerlearn.http;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who a request comes from, as its token says: the roles it holds, and the companies whose data it may send
 * and see ({@code null}: every company, as for a token bound to none, or a server without an auth file).
 */
record Caller(Set<Role> roles, Set<String> companies) {
    /** Every role and every company: a server without an auth file. */
    static final Caller ANYONE = new Caller(EnumSet.allOf(Role.class), null);

    Caller {
        roles = Set.copyOf(roles);
        companies = companies == null ? null : Set.copyOf(companies);
    }

    /** Whether the token is bound to companies, and so sees only theirs. */
    boolean scoped() {
        return companies != null;
    }

    /** Whether the token may send and see the data of {@code company}. */
    boolean sees(String company) {
        return companies == null || companies.contains(company);
    }

    /** Throws a 403 unless the token may see {@code company}; the message names only what the client sent. */
    void requireCompany(String company) {
        if (!sees(company)) {
            throw HttpError.forbidden("company \"" + company + "\" is not one of this token's companies");
        }
    }

    /** Throws a 403 for a token bound to companies: {@code what} covers every company. */
    void requireUnscoped(String what) {
        if (scoped()) {
            throw HttpError.forbidden(what + " covers every company; this token is bound to its companies");
        }
    }
}
