package org.llmgate.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The test run's scratch directories and its end. Each Payara Micro root holds about 125 MiB and an
 * embedded database's data more; left in /tmp, every run of the suite leaked a gigabyte or more,
 * until a shared disk filled and a CI run failed with "No space left on device". So scratch
 * directories live under the build directory (a clean clone starts without them) and are deleted
 * when the run ends, after the servers that used them have stopped.
 *
 * <p>JVM shutdown hooks run concurrently, in no order; {@link #atEnd} actions run in one hook, last
 * registered first, so a server registered after its directory stops before the directory goes.
 */
final class Scratch {

    private static final Deque<Runnable> AT_END = new ArrayDeque<>();
    private static boolean hooked;

    private Scratch() {
    }

    /** A new empty directory under {@code <build dir>/scratch}, deleted at the end of the run. */
    static Path directory(String prefix) {
        try {
            Path root = Files.createDirectories(
                    Path.of(System.getProperty("llmgate.buildDir", "target")).toAbsolutePath().resolve("scratch"));
            Path dir = Files.createTempDirectory(root, prefix);
            atEnd(() -> delete(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code action} when the JVM exits: after every action registered later, before every earlier one. */
    static synchronized void atEnd(Runnable action) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Scratch::runEnd, "llmgate-test-run-end"));
            hooked = true;
        }
        AT_END.push(action);
    }

    private static void runEnd() {
        while (true) {
            Runnable action;
            synchronized (Scratch.class) {
                action = AT_END.poll();
            }
            if (action == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                System.err.println("at the end of the test run: " + e);
            }
        }
    }

    /**
     * Deletes {@code dir} and everything under it; a missing directory is already deleted. Tries
     * again when a process that just stopped (Chromium, Payara) still wrote a file while it went.
     */
    static void delete(Path dir) {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTree(dir);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 3) {
                    throw new UncheckedIOException("cannot delete " + dir, e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
