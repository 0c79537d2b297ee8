package org.llmgate.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** MiB of heap still used after a full collection: what the open streams really keep. */
    double heapAfterGcMib() {
        jcmd("GC.run");
        Matcher used = USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info gave no heap figure");
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
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
