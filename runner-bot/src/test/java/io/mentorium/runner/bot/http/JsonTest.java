package io.mentorium.runner.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.runner.bot.http.ReadinessCheck.Result;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertThat(Json.string("say \"hi\"\\\n\t\r\u0001é")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\t\\r\\u0001é\"");
    }

    @Test
    void readinessReportEscapesNamesAndReasons() {
        Map<String, Result> checks = new LinkedHashMap<>();
        checks.put("odd \"name\"", Result.down("line\nbreak"));

        String json = new Readiness.Report(false, checks).toJson();

        assertThat(json).isEqualTo("{\"status\":\"DOWN\",\"checks\":"
                + "{\"odd \\\"name\\\"\":{\"status\":\"DOWN\",\"reason\":\"line\\nbreak\"}}}");
    }

    @Test
    void errorReplyCarriesTheMessageInTheSharedShape() {
        HttpReply reply = HttpReply.error(404, "not \"here\"");

        assertThat(reply.body()).isEqualTo("{\"error\":\"not \\\"here\\\"\"}");
        assertThat(reply.contentType()).isEqualTo(HttpReply.JSON);
    }
}
