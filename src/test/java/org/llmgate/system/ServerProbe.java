package org.llmgate.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a server process holds: its thread count (from /proc) and its heap after a full GC (through jcmd). */
final class ServerProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;

    ServerProbe(long pid) {
        this.pid = pid;
    }

    int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no thread count for process " + pid, e);
        }
        throw new IllegalStateException("no thread count for process " + pid);
    }

    /**
     * CPU time the process has used, user and system, in milliseconds (/proc/PID/stat, in the
     * kernel's 100 Hz ticks): taken before and after a phase, it says what each request cost.
     */
    long cpuMillis() {
        return userMillis() + systemMillis();
    }

    /**
     * CPU time the JIT compiler threads have used, in milliseconds: while it grows, the process is
     * still compiling its hot path, and what is measured is the compiler as much as the code.
     */
    long compilerMillis() {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        total += millis(task.resolve("stat"), 11) + millis(task.resolve("stat"), 12);
                    }
                } catch (IOException e) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no threads for process " + pid, e);
        }
        return total;
    }

    /** The thread groups {@link #cpuByThreadGroup} reports, in its order. */
    static final List<String> THREAD_GROUPS = List.of("request threads", "upstream clients", "Grizzly selectors", "GC", "JIT", "other");

    /**
     * CPU time by thread group, in milliseconds, indexed as {@link #THREAD_GROUPS}: which part of the
     * server a phase's CPU went to (a thread's name, as /proc keeps its first 15 characters).
     */
    long[] cpuByThreadGroup() {
        long[] groups = new long[THREAD_GROUPS.size()];
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    groups[threadGroup(name)] += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
                } catch (IOException e) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no threads for process " + pid, e);
        }
        return groups;
    }

    private static int threadGroup(String name) {
        if (name.startsWith("http-thread-poo")) {
            return 0;
        }
        if (name.startsWith("HttpClient-") || name.startsWith("llmgate-upstrea")) {
            return 1;
        }
        if (name.startsWith("http-listener")) {
            return 2;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return 3;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return 4;
        }
        return 5;
    }

    /** The kernel's part of {@link #cpuMillis}: on loopback, mostly the TCP stack's work for this process's sends. */
    long systemMillis() {
        return stat(12);
    }

    private long userMillis() {
        return stat(11);
    }

    private long stat(int field) {
        try {
            return millis(Path.of("/proc", String.valueOf(pid), "stat"), field);
        } catch (IOException e) {
            throw new IllegalStateException("no CPU time for process " + pid, e);
        }
    }

    /** A CPU-time field of a /proc stat file (11 user, 12 system, counted after the name), in ms at 100 Hz. */
    private static long millis(Path statFile, int field) throws IOException {
        String stat = Files.readString(statFile);
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field]) * 10;
    }

    /**
     * Threads the JVM has started since it began (its {@code java.threads.started} counter): a
     * thread per call shows here even when each ends at once and the live count stays flat.
     */
    long threadsStarted() {
        Matcher started = Pattern.compile("java\\.threads\\.started=(\\d+)").matcher(jcmd("PerfCounter.print"));
        if (!started.find()) {
            throw new IllegalStateException("jcmd PerfCounter.print gave no java.threads.started");
        }
        return Long.parseLong(started.group(1));
    }

    /**
     * MiB of heap still used after a full collection: what the open streams really keep. G1 prints
     * one line for the whole heap, the Parallel and Serial collectors one per generation: the
     * figure is the sum of what comes before Metaspace.
     */
    double heapAfterGcMib() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        int metaspace = info.indexOf("Metaspace");
        Matcher used = USED.matcher(metaspace < 0 ? info : info.substring(0, metaspace));
        long kib = 0;
        boolean found = false;
        while (used.find()) {
            kib += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("jcmd GC.heap_info gave no heap figure");
        }
        return kib / 1024.0;
    }

    /** The live objects by class, largest first, as {@code jcmd GC.class_histogram} prints them (after a full GC). */
    String classHistogram() {
        return jcmd("GC.class_histogram");
    }

    /** Writes the whole heap to {@code file} (HPROF, live objects only) for a heap analyser. */
    void heapDump(Path file) {
        jcmd("GC.heap_dump", file.toAbsolutePath().toString());
    }

    private String jcmd(String command) {
        return jcmd(command, "");
    }

    private String jcmd(String command, String argument) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid), command));
            if (!argument.isEmpty()) {
                line.add(argument);
            }
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd " + command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
