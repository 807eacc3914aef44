package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void aValueIsWorkedOutOncePerKeyUntilTheBoundThenEachTime() {
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(2);
        AtomicInteger computed = new AtomicInteger();

        for (int round = 0; round < 3; round++) {
            for (String key : new String[] {"a", "bb", "ccc"}) {
                assertThat(memo.get(key, k -> {
                    computed.incrementAndGet();
                    return k.length();
                })).isEqualTo(key.length());
            }
        }

        // "a" and "bb" once each; "ccc", past the bound, in every round.
        assertThat(computed).hasValue(2 + 3);
    }
}
