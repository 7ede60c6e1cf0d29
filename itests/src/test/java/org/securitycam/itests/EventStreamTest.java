package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The server-sent events stream as a browser's EventSource meets it. */
class EventStreamTest extends OneDeviceTest {
    /** An open /events connection whose lines arrive in a queue. */
    private static final class Stream10 implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> response;
        final CompletableFuture<Void> reader;

        Stream10(String lastEventId) throws Exception {
            this(lastEventId, false);
        }

        /** With {@code inQuery}, the last id goes in the query, as a page's new EventSource sends it. */
        Stream10(String lastEventId, boolean inQuery) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(device.uri("/events?token=" + device.token()
                    + (inQuery ? "&lastEventId=" + lastEventId : "")));
            if (lastEventId != null && !inQuery) {
                b.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
            reader = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
        }

        /** Waits for a line starting with the prefix and returns it. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
            fail("No line starting with " + prefix);
            return null;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @Test
    void eventsArriveWithIdsAndAreReplayedAfterReconnect() throws Exception {
        String firstId;
        try (Stream10 events = new Stream10(null)) {
            assertEquals(200, events.response.statusCode());
            assertTrue(events.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertEquals("no-cache", events.response.headers().firstValue("Cache-Control").orElse(""));
            events.await(": heartbeat");
            device.post("/sensor/configure", "{\"type\":\"mock\",\"hold_seconds\":0}");
            device.post("/sensor/mock/trigger", null);
            events.await("event: sensor_state");
            firstId = events.await("id: ").substring(4);
            events.await("data: {");
            device.post("/snapshot", null);
            events.await("event: archive_updated");
            device.post("/sensor/mock/release", null);
        }
        try (Stream10 replay = new Stream10(firstId)) {
            String id = replay.await("id: ").substring(4);
            assertTrue(Long.parseLong(id) > Long.parseLong(firstId), "replay starts after the last seen id");
        }
        try (Stream10 replay = new Stream10(firstId, true)) {
            String id = replay.await("id: ").substring(4);
            assertTrue(Long.parseLong(id) > Long.parseLong(firstId), "the query's last id replays the same");
        }
        assertEquals(401, device.sendAnonymous(HttpRequest.newBuilder(device.uri("/events"))).statusCode());
    }
}
