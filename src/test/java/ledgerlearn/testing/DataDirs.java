package ledgerlearn.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** What a data directory holds, byte for byte, for tests that a deleted company left nothing behind. */
public final class DataDirs {
    private DataDirs() {}

    /** Whether any file in {@code dir} holds the UTF-8 bytes of {@code text}; a file renamed away meanwhile is passed over. */
    public static boolean anyFileHolds(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.toList();
        }
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                // a snapshot renamed into place while the directory was listed
                continue;
            }
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                    return true;
                }
            }
        }
        return false;
    }
}
