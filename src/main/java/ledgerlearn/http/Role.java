package ledgerlearn.http;

import java.util.Locale;

/**
 * What an API token may do: a {@code writer} may POST /sample, an {@code admin} may delete a company, a
 * {@code reader} may call every other route.
 */
enum Role {
    READER,
    WRITER,
    ADMIN;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code text} ("reader", "writer"), else {@code null}. */
    static Role parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text)) {
                return role;
            }
        }
        return null;
    }
}
