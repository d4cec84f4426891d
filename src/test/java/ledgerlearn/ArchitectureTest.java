package ledgerlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What may import what (docs/ARCHITECTURE.md), checked on the compiled classes: every class's constant
 * pool names the classes it uses (as class entries and in field and method descriptors), as jdeps reads them.
 */
final class ArchitectureTest {

    /** Each package and the packages it may use; a new package or a new arrow is added here and in the doc. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("", Set.of("bench", "cli", "client", "dataset", "demo", "evaluate", "server", "telemetry")),
            Map.entry("server", Set.of("cli", "client", "cluster", "dataset", "http", "learn", "model", "process", "sample",
                    "secret", "telemetry")),
            // cluster mode: the one package that uses Kafka; it plugs into http's Replication and drives the learner
            Map.entry("cluster", Set.of("http", "learn", "sample", "telemetry")),
            Map.entry("demo", Set.of("cli", "client", "http", "learn", "model", "process", "server")),
            Map.entry("evaluate", Set.of("cli", "dataset", "learn", "metrics", "model", "sample")),
            Map.entry("bench", Set.of("cli", "client", "csv", "dataset", "model", "process", "sample")),
            Map.entry("cli", Set.of("client", "dataset", "http", "metrics", "model", "secret", "snapshot")),
            Map.entry("http", Set.of("learn", "metrics", "sample", "secret", "telemetry")),
            Map.entry("client", Set.of("dataset", "metrics", "sample", "secret")),
            Map.entry("learn", Set.of("metrics", "model", "sample", "snapshot", "store", "telemetry")),
            Map.entry("store", Set.of("csv", "sample", "snapshot", "telemetry")),
            Map.entry("model", Set.of("sample", "snapshot")),
            Map.entry("dataset", Set.of("csv", "sample")),
            Map.entry("metrics", Set.of("snapshot")),
            Map.entry("snapshot", Set.of()),
            Map.entry("sample", Set.of()),
            Map.entry("csv", Set.of()),
            Map.entry("telemetry", Set.of()),
            Map.entry("secret", Set.of()),
            Map.entry("process", Set.of()));

    private static final Pattern DESCRIBED = Pattern.compile("L(ledgerlearn/[\\w/$]+)[;<]");

    /** Package ("" for the root) → the other ledgerlearn packages its classes use, by the classes that use them. */
    private static final Map<String, Map<String, Set<String>>> USES = new TreeMap<>();
    private static final Map<String, Set<String>> CLASSES = new TreeMap<>();

    @BeforeAll
    static void readCompiledClasses() throws IOException, URISyntaxException {
        Path root = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve("ledgerlearn")), "compiled classes in " + root);
        try (Stream<Path> files = Files.walk(root.resolve("ledgerlearn"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                name = name.substring(0, name.length() - ".class".length());
                String from = packageOf(name);
                CLASSES.computeIfAbsent(from, p -> new TreeSet<>()).add(name.substring(name.lastIndexOf('/') + 1));
                USES.computeIfAbsent(from, p -> new TreeMap<>());
                for (String used : referencedClasses(file)) {
                    String to = packageOf(used);
                    if (!to.equals(from)) {
                        USES.get(from).computeIfAbsent(to, p -> new TreeSet<>()).add(name + " -> " + used);
                    }
                }
            }
        }
    }

    @Test
    void everyPackageUsesOnlyThePackagesItMay() {
        List<String> forbidden = new ArrayList<>();
        USES.forEach((from, uses) -> {
            Set<String> allowed = ALLOWED.get(from);
            if (allowed == null) {
                forbidden.add("package ledgerlearn." + from + " is not in the map; add it to ALLOWED and docs/ARCHITECTURE.md");
                return;
            }
            uses.forEach((to, by) -> {
                if (!allowed.contains(to)) {
                    forbidden.add(display(from) + " -> " + display(to) + " (" + String.join(", ", by) + ")");
                }
            });
        });
        assertEquals(List.of(), forbidden);
    }

    @Test
    void theTransportTheClientAndTheCoreNeverUseTheCommandLineOrEachOther() {
        assertNoArrow("http", "cli");
        assertNoArrow("client", "cli");
        assertNoArrow("model", "http");
        assertNoArrow("model", "store");
        assertNoArrow("model", "cli");
        assertNoArrow("metrics", "http");
        assertNoArrow("sample", "http");
    }

    @Test
    void noPackagesFormACycle() {
        List<String> cycles = new ArrayList<>();
        for (String start : USES.keySet()) {
            List<String> path = cycleFrom(start, start, new ArrayList<>(List.of(start)), new HashSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path.stream().map(ArchitectureTest::display).toList()));
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void theRootPackageHoldsMainAndNothingElse() {
        assertEquals(Set.of("Main", "package-info"), CLASSES.get(""));
    }

    /** The map above is acyclic too, so that what it allows can never close a cycle. */
    @Test
    void theAllowedArrowsFormNoCycle() {
        for (String start : ALLOWED.keySet()) {
            assertEquals(null, allowedCycleFrom(start, start, new HashSet<>()), "a cycle through " + display(start));
        }
    }

    private static void assertNoArrow(String from, String to) {
        Set<String> by = USES.getOrDefault(from, Map.of()).get(to);
        assertEquals(null, by, display(from) + " must not use " + display(to));
        assertTrue(!ALLOWED.get(from).contains(to), "the map must not allow " + display(from) + " -> " + display(to));
    }

    private static List<String> cycleFrom(String start, String at, List<String> path, Set<String> seen) {
        for (String next : USES.getOrDefault(at, Map.of()).keySet()) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    private static String allowedCycleFrom(String start, String at, Set<String> seen) {
        for (String next : ALLOWED.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                return at;
            }
            if (seen.add(next)) {
                String found = allowedCycleFrom(start, next, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String packageOf(String internalName) {
        String name = internalName.startsWith("ledgerlearn/") ? internalName.substring("ledgerlearn/".length()) : internalName;
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash).replace('/', '.');
    }

    private static String display(String pkg) {
        return pkg.isEmpty() ? "ledgerlearn" : "ledgerlearn." + pkg;
    }

    /** The ledgerlearn classes a class file names in its constant pool: class entries and field, method and generic descriptors. */
    private static Set<String> referencedClasses(Path classFile) throws IOException {
        try (InputStream file = Files.newInputStream(classFile);
             DataInputStream in = new DataInputStream(file)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // eight-byte constants take two slots
                    }
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
            Set<String> used = new TreeSet<>();
            for (int index : classNames) {
                String name = utf8[index].replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
                if (name.startsWith("ledgerlearn/")) {
                    used.add(name);
                }
            }
            for (String text : utf8) {
                if (text != null) {
                    Matcher described = DESCRIBED.matcher(text);
                    while (described.find()) {
                        used.add(described.group(1));
                    }
                }
            }
            return used;
        }
    }
}
