package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/** An open {@code /events} connection whose frames arrive, parsed, in a queue, each with the time it arrived. */
final class SseFrames implements AutoCloseable {
    /** One frame: its event name, its JSON data, and when it arrived (System.nanoTime). */
    record Frame(String event, JsonNode data, long arrived) {
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    SseFrames(Device device) throws Exception {
        response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(device.uri("/events?token=" + device.token())).build(),
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture.runAsync(() -> {
            String[] event = { null };
            StringBuilder data = new StringBuilder();
            response.body().forEach(line -> {
                if (line.startsWith("event: ")) {
                    event[0] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                } else if (line.isEmpty() && event[0] != null) {
                    try {
                        frames.add(new Frame(event[0], Device.JSON.readTree(data.toString()), System.nanoTime()));
                    } catch (Exception e) {
                        frames.add(new Frame(event[0], null, System.nanoTime()));
                    }
                    event[0] = null;
                    data.setLength(0);
                }
            });
        });
    }

    /** The next frame of that event name within the time; the others are dropped. */
    Frame next(String event, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Frame f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f != null && f.event().equals(event)) {
                return f;
            }
        }
        fail("No " + event + " frame within " + millis + " ms");
        return null;
    }

    /** Every frame of that event name that arrives within the time. */
    List<Frame> all(String event, long millis) throws InterruptedException {
        List<Frame> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Frame f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f != null && f.event().equals(event)) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
