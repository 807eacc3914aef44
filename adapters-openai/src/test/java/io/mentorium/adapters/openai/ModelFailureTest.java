package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.errors.OpenAIIoException;
import java.io.IOException;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.junit.jupiter.api.Test;

class ModelFailureTest {

    @Test
    void aStreamTheServerRefusedWasNeverProcessedAndMayGoAgain() {
        ModelFailure failure = ModelFailure.of(new OpenAIIoException("Request failed",
                new StreamResetException(ErrorCode.REFUSED_STREAM)));

        assertThat(failure.refused()).isTrue();
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).isEqualTo("I/O error: stream reset REFUSED_STREAM");
    }

    @Test
    void aConnectionShutDownBeforeTheRequestWentOutRefusedIt() {
        ModelFailure failure = ModelFailure.of(new OpenAIIoException("Request failed",
                new ConnectionShutdownException()));

        assertThat(failure.refused()).isTrue();
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void aRequestCutShortWhileItsBodyWasGoingOutWasNeverProcessed() {
        ModelFailure failure = ModelFailure.of(new ModelFailure.CutShortWhileSending(new IOException("stream closed")));

        assertThat(failure.refused()).isTrue();
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).isEqualTo("I/O error while sending the request: IOException")
                .doesNotContain("stream closed");
    }

    @Test
    void aStreamCancelledOrBrokenMidwayIsAnOrdinaryFailure() {
        ModelFailure cancelled = ModelFailure.of(new OpenAIIoException("Request failed",
                new StreamResetException(ErrorCode.CANCEL)));
        ModelFailure broken = ModelFailure.of(new OpenAIIoException("Request failed", new IOException("reset")));

        assertThat(cancelled.refused()).isFalse();
        assertThat(cancelled.retryable()).isTrue();
        assertThat(cancelled.detail()).isEqualTo("I/O error: stream reset CANCEL");
        assertThat(broken.refused()).isFalse();
        assertThat(broken.detail()).isEqualTo("I/O error: IOException").doesNotContain("reset");
    }
}
