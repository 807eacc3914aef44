package io.mentorium.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyIsReadToItsDeclaredLengthOrToItsEndWithoutOne() throws IOException {
        assertThat(RequestBodies.read(body("{\"ok\":true}"), RequestBodies.declaredLength(" 11 ")))
                .asString(StandardCharsets.UTF_8).isEqualTo("{\"ok\":true}");
        assertThat(RequestBodies.read(body("{\"ok\":true} and more"), 11))
                .asString(StandardCharsets.UTF_8).isEqualTo("{\"ok\":true}");
        assertThat(RequestBodies.read(body("no length"), RequestBodies.declaredLength(null)))
                .asString(StandardCharsets.UTF_8).isEqualTo("no length");
    }

    @Test
    void aBodyShorterThanDeclaredIsAnError() {
        assertThatThrownBy(() -> RequestBodies.read(body("short"), 10))
                .isInstanceOf(IOException.class).hasMessage("the body ended after 5 of 10 bytes");
    }
}
