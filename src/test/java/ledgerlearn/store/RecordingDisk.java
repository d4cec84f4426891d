package ledgerlearn.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A disk whose channels record, in one list in the order they happen, what reaches the disk
 * ("force samples.csv", "close ledgerlearn.lock", "truncate samples.csv 123"), so a test can see what
 * was durable when. Its channels write at most {@code maxWrite} bytes a call, as a channel may.
 */
final class RecordingDisk {
    private final List<String> events = new ArrayList<>();
    private int maxWrite = Integer.MAX_VALUE;
    private Predicate<Path> refuseOpen = path -> false;
    private Predicate<Path> failClose = path -> false;
    private boolean failTryLock;

    /** Writes at most {@code bytes} a call, so that every write has to be continued. */
    RecordingDisk writingAtMost(int bytes) {
        maxWrite = bytes;
        return this;
    }

    /** Fails to open the paths {@code refused} accepts. */
    RecordingDisk refusingToOpen(Predicate<Path> refused) {
        refuseOpen = refused;
        return this;
    }

    /** Fails when the channels of the paths {@code failing} accepts are closed (after closing them). */
    RecordingDisk failingToClose(Predicate<Path> failing) {
        failClose = failing;
        return this;
    }

    /** Fails every attempt to lock a file. */
    RecordingDisk failingToLock() {
        failTryLock = true;
        return this;
    }

    /** The disk, with {@code boot} as the machine's boot id ({@code null}: none). */
    Disk disk(UUID boot) {
        return new Disk(this::open, boot);
    }

    /** What happened so far, in order. */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The events about {@code name}, e.g. {@code "samples.csv"}, in order, without the name. */
    synchronized List<String> eventsOf(String name) {
        List<String> of = new ArrayList<>();
        for (String event : events) {
            String[] words = event.split(" ");
            if (words[1].equals(name)) {
                of.add(event.substring(0, words[0].length()) + event.substring(words[0].length() + name.length() + 1));
            }
        }
        return of;
    }

    synchronized void clear() {
        events.clear();
    }

    private synchronized void record(String event) {
        events.add(event);
    }

    private FileChannel open(Path path, OpenOption... options) throws IOException {
        if (refuseOpen.test(path)) {
            throw new IOException(path + ": Permission denied");
        }
        String name = path.getFileName().toString();
        record("open " + name);
        return new Recording(FileChannel.open(path, options), name, path);
    }

    private final class Recording extends DelegatingChannel {
        private final String name;
        private final Path path;

        Recording(FileChannel file, String name, Path path) {
            super(file);
            this.name = name;
            this.path = path;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + Math.min(part.remaining(), maxWrite));
            int written = file.write(part, position);
            src.position(src.position() + written);
            record("write " + name + " " + position + " " + written);
            return written;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            record("truncate " + name + " " + size);
            return super.truncate(size);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            super.force(metaData);
            record("force " + name);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            if (failTryLock) {
                throw new IOException(name + ": No locks available");
            }
            return super.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            super.implCloseChannel();
            record("close " + name);
            if (failClose.test(path)) {
                throw new IOException(name + ": Input/output error on close");
            }
        }
    }
}
