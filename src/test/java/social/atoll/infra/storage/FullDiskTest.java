package social.atoll.infra.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The local media store on a disk that fills up (an in-memory file system with a size limit, which fails writes as
 * a full disk does): a write that does not fit is refused as {@link StorageWriteException} (which the API answers
 * with 503 and readiness reports), leaves no partial file behind, and writes work again once space is freed.
 */
class FullDiskTest {

    @Test
    void aWriteThatDoesNotFitIsRefusedCleanlyAndWritesResumeWhenSpaceIsFreed() throws IOException {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(512 * 1024).setBlockSize(4096).build())) {
            Path root = disk.getPath("/media");
            Files.createDirectories(root);
            LocalBlobStore store = new LocalBlobStore(root, "http://localhost/system");

            int stored = 0;
            StorageWriteException full = null;
            for (int i = 0; i < 20 && full == null; i++) {
                try {
                    store.put("photos/" + i, new byte[100 * 1024], "image/jpeg");
                    stored++;
                } catch (StorageWriteException e) {
                    full = e;
                }
            }
            assertThat(full).as("the disk filled up").isNotNull();
            assertThat(stored).isBetween(1, 5);
            assertThat(names(root.resolve("photos"))).as("no partial upload left behind")
                    .allMatch(n -> !n.startsWith(".upload-")).hasSize(stored);
            // a file to copy in (an upload already on another disk) is refused the same way
            Path upload = Files.createTempFile("upload", ".jpg");
            try {
                Files.write(upload, new byte[300 * 1024]);
                assertThatThrownBy(() -> store.put("photos/big", upload, "image/jpeg")).isInstanceOf(StorageWriteException.class);
                assertThat(names(root.resolve("photos"))).noneMatch(n -> n.startsWith(".upload-") || n.equals("big"));

                for (int i = 0; i < stored; i++) store.delete("photos/" + i);
                store.put("photos/big", upload, "image/jpeg");
                assertThat(store.open("photos/big").orElseThrow().readAllBytes()).hasSize(300 * 1024);
                assertThat(store.writable()).isTrue();
            } finally {
                Files.deleteIfExists(upload);
            }
        }
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
