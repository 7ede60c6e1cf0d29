package org.securitycam.logs;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The answer of the log routes, {@code [{"ts","level","source","message"}]}, written while the log is read: the
 * memory a request takes is one entry, whatever its limit.
 */
final class EntriesJson {
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private EntriesJson() {
    }

    static void write(LogReader log, LogQuery query, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            log.read(query, e -> {
                json.writeStartObject();
                json.writeStringField("ts", e.ts());
                json.writeStringField("level", e.level());
                json.writeStringField("source", e.source());
                json.writeStringField("message", e.message());
                json.writeEndObject();
            });
            json.writeEndArray();
        }
    }
}
