package ledgerlearn.model;

import java.util.function.Consumer;
import java.util.function.Function;
import ledgerlearn.snapshot.StateInput;
import ledgerlearn.snapshot.StateOutput;

/** Writes a part of the model's state into bytes and reads it back, as a snapshot file would. */
final class States {
    private States() {}

    static byte[] bytes(Consumer<StateOutput> write) {
        StateOutput out = new StateOutput();
        write.accept(out);
        return out.toByteArray();
    }

    /** What {@code read} makes of the bytes {@code write} wrote, having checked that it read every byte. */
    static <T> T roundTrip(Consumer<StateOutput> write, Function<StateInput, T> read) {
        return read(bytes(write), read);
    }

    static <T> T read(byte[] bytes, Function<StateInput, T> read) {
        StateInput in = new StateInput(bytes);
        T value = read.apply(in);
        in.end();
        return value;
    }
}
