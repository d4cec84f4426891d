package ledgerlearn.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SecretFilesTest {

    @Test
    void warnsWhenOthersOrTheGroupMayReadAFileNamingItAndTheFix(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "x");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.of("token file " + tokens + " can be read by every user (rw-r--r--); make it private: chmod 600 "
                + tokens), SecretFiles.readableByOthers(tokens, "token file"));

        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(Optional.of("token file " + tokens + " can be read by its group (rw-r-----); make it private: chmod 600 "
                + tokens), SecretFiles.readableByOthers(tokens, "token file"));
    }

    @Test
    void saysNothingAboutAPrivateOrMissingFile(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "x");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));

        assertEquals(Optional.empty(), SecretFiles.readableByOthers(tokens, "token file"));
        assertEquals(Optional.empty(), SecretFiles.readableByOthers(dir.resolve("missing"), "token file"));
    }
}
