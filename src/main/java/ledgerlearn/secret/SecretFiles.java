package ledgerlearn.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Files that hold a secret (API tokens, a keystore password): whether anyone but their owner may read them. */
public final class SecretFiles {
    private SecretFiles() {}

    /**
     * A warning naming {@code file} and how to fix it when its group or others may read it; empty when only
     * its owner may, when it cannot be read, or on a file system without POSIX permissions.
     *
     * @param what what the file holds, e.g. {@code "token file"}
     */
    public static Optional<String> readableByOthers(Path file, String what) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        if (!permissions.contains(PosixFilePermission.GROUP_READ) && !permissions.contains(PosixFilePermission.OTHERS_READ)) {
            return Optional.empty();
        }
        return Optional.of(what + " " + file + " can be read by " + (permissions.contains(PosixFilePermission.OTHERS_READ)
                ? "every user" : "its group") + " (" + PosixFilePermissions.toString(permissions)
                + "); make it private: chmod 600 " + file);
    }
}
