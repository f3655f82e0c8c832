package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * A media store that cannot be written (a read-only or full disk, a bucket that refuses) is reported by readiness
 * and answered with 503 on uploads, not a bare 500; once it can be written again, both recover by themselves.
 * The test breaks the local store by putting a plain file where its directory belongs, which stops any writer
 * (root included, as in CI) where a permission change would not.
 */
class StorageUnavailableIT {

    private static TestHttp.Response upload(TestInstance atoll, String token) {
        byte[] png = TestImages.encode(TestImages.halves(40, 30), "png");
        return new Multipart().file("file", "photo.png", "image/png", png)
                .send("POST", atoll.baseUrl() + "/api/v2/media", token, new ObjectMapper());
    }

    @Test
    void unwritableStorageIs503AndNotReadyUntilItRecovers() throws IOException {
        try (TestInstance atoll = TestInstance.start()) {
            String token = atoll.createUser("storage_uploader");
            assertThat(upload(atoll, token).status()).isEqualTo(200);

            Path media = atoll.dataDir().resolve("media");
            Path away = atoll.dataDir().resolve("media.away");
            Files.move(media, away);
            Files.writeString(media, "not a directory");

            TestHttp.Response refused = upload(atoll, token);
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.json().get("error").asText()).contains("media storage");
            var ready = atoll.http().get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("storage").asText()).isEqualTo("not writable");
            assertThat(ready.json().get("database").asText()).isEqualTo("ok");

            Files.delete(media);
            Files.move(away, media);
            assertThat(upload(atoll, token).status()).isEqualTo(200);
            assertThat(atoll.http().get("/health/ready").status()).isEqualTo(200);
        }
    }
}
