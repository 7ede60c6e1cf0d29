package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/** An open {@code GET /events} whose frames arrive in a queue, each as its event name and data. */
final class SseClient implements AutoCloseable {
    /** One frame. */
    record Frame(String event, JsonNode data) {
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    SseClient(Device device) throws Exception {
        response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(device.uri("/events?token=" + device.token())).build(),
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture.runAsync(() -> {
            String[] event = { null };
            response.body().forEach(line -> {
                if (line.startsWith("event: ")) {
                    event[0] = line.substring(7);
                } else if (line.startsWith("data: ") && event[0] != null) {
                    try {
                        frames.add(new Frame(event[0], Device.JSON.readTree(line.substring(6))));
                    } catch (Exception e) {
                        frames.add(new Frame(event[0], null));
                    }
                    event[0] = null;
                }
            });
        });
    }

    /** Waits for the next frame of this event name and returns it; others are skipped. */
    Frame await(String event, long millis) throws InterruptedException {
        Frame f = next(event, millis);
        if (f == null) {
            fail("No " + event + " event within " + millis + " ms");
        }
        return f;
    }

    /** The next frame of this event name within the time, or null. */
    Frame next(String event, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
            Frame f = frames.poll(left, TimeUnit.MILLISECONDS);
            if (f != null && f.event().equals(event)) {
                return f;
            }
        }
        return null;
    }

    void clear() {
        frames.clear();
    }

    @Override
    public void close() {
        response.body().close();
    }
}
