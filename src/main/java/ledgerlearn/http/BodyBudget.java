package ledgerlearn.http;

/**
 * The memory that request bodies may hold at once, across all requests, while they are read, parsed and
 * acted on: each body reserves what it will hold (its bytes times how much its parsed form weighs, see
 * {@link JsonBody}) before it is read, or as it arrives when its length is not declared. A body that
 * does not fit now is refused with 503 and {@code Retry-After} instead of read, so that however many
 * large bodies arrive together the heap holds at most this much of them. Thread-safe.
 */
final class BodyBudget {
    private final long capacity;
    private long reserved;

    /** @param capacity the bytes all bodies in flight may hold together */
    BodyBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /** The bytes reserved now. */
    synchronized long reserved() {
        return reserved;
    }

    /** An empty reservation; it grows as a body is read and gives everything back when closed. */
    Reservation reserve() {
        return new Reservation();
    }

    /** What one request holds of the budget. Not thread-safe: one request's thread uses it. */
    final class Reservation implements AutoCloseable {
        private long held;

        /** Reserves {@code bytes} more, or throws the 503 that refuses the body. */
        void grow(long bytes) {
            synchronized (BodyBudget.this) {
                if (bytes > capacity - reserved) {
                    throw HttpError.busy("too many request bodies in flight for the server's memory; retry later");
                }
                reserved += bytes;
            }
            held += bytes;
        }

        @Override
        public void close() {
            synchronized (BodyBudget.this) {
                reserved -= held;
            }
            held = 0;
        }
    }
}
