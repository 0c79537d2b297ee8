package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {

    @Test
    void a_scratch_directory_lives_under_the_build_directory_not_in_tmp() {
        Path dir = Scratch.directory("scratch-test");
        try {
            assertThat(dir).isDirectory().isEmptyDirectory();
            assertThat(dir.getParent()).isEqualTo(
                    Path.of(System.getProperty("llmgate.buildDir", "target")).toAbsolutePath().resolve("scratch"));
            assertThat(dir.getFileName().toString()).startsWith("scratch-test");
        } finally {
            Scratch.delete(dir);
        }
    }

    @Test
    void delete_removes_the_whole_tree_and_accepts_a_directory_already_gone() throws Exception {
        Path dir = Scratch.directory("scratch-test");
        Files.createDirectories(dir.resolve("payara/runtime/lib"));
        Files.writeString(dir.resolve("payara/runtime/lib/a.jar"), "jar");
        Files.writeString(dir.resolve("master.key"), "key");
        Path outside = Scratch.directory("scratch-test-outside");
        Files.writeString(outside.resolve("kept"), "kept");
        Files.createSymbolicLink(dir.resolve("link"), outside);

        Scratch.delete(dir);
        assertThat(dir).doesNotExist();
        assertThat(outside.resolve("kept")).as("a link is removed, not followed").exists();
        Scratch.delete(outside);

        Scratch.delete(dir);
        assertThat(dir).doesNotExist();
    }
}
