package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonBuffersTest {

    @Test
    void theAnswersJsonDrawsOnTheSharedPoolAndTheClientsOwnMapperIsLeftAlone() {
        assertThat(RequestJson.mapper().getFactory()._getRecyclerPool()).isSameAs(JsonBuffers.POOL);
        assertThat(JsonBuffers.factory()._getRecyclerPool()).isSameAs(JsonBuffers.POOL);
        assertThat(ObjectMappers.jsonMapper().getFactory()._getRecyclerPool()).isNotSameAs(JsonBuffers.POOL);
    }

    @Test
    void thousandsOfVirtualThreadsGiveTheirBuffersBackToOneBoundedPool() throws Exception {
        ObjectMapper reader = new ObjectMapper(JsonBuffers.factory());
        JsonMapper writer = RequestJson.mapper();
        List<Future<Integer>> written = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                // A parse and a write, as an answer's chunk and request are: each takes a set and gives it back.
                written.add(threads.submit(() -> writer.writeValueAsBytes(reader.readValue(
                        "{\"n\":" + n + ",\"text\":\"" + "x".repeat(3_000) + "\"}", Map.class)).length));
            }
            for (Future<Integer> size : written) {
                assertThat(size.get()).isGreaterThan(3_000);
            }
        }
        // Per-thread buffers (Jackson's default) are not pooled at all: that pool counts -1.
        assertThat(JsonBuffers.POOL.pooledCount()).isBetween(1, 64);
    }
}
