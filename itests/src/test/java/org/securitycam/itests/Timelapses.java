package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/** What the timelapse tests share: a device whose scheduler minute lasts a second, frames on disk, /events. */
final class Timelapses {
    private Timelapses() {
    }

    /** A data home whose timelapse scheduler counts a minute of the interval as one second, as FileInstall reads it. */
    static Path fastHome(Path home) throws IOException {
        Files.createDirectories(home.resolve("deploy"));
        Files.writeString(home.resolve("deploy/securitycam.timelapse.scheduler.cfg"), "minute.seconds=1\n");
        return home;
    }

    static Path folder(Device d) throws Exception {
        return Path.of(d.getJson("/settings").get("VideoSaveLocation").asText()).resolve("timelapse");
    }

    static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static BufferedImage image(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (image == null) {
            fail("not an image");
        }
        return image;
    }

    /** The mean difference per channel of two images of one size over a rectangle, 0 to 255. */
    static double difference(BufferedImage a, BufferedImage b, int x0, int y0, int x1, int y1) {
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * (x1 - x0) * (y1 - y0));
    }

    /** An open /events connection whose lines arrive in a queue. */
    static final class Events implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final HttpResponse<Stream<String>> response;

        Events(Device d) throws Exception {
            response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(d.uri("/events?token=" + d.token())).build(),
                    HttpResponse.BodyHandlers.ofLines());
            CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
        }

        /** Waits for a line that contains all the parts, and returns it. */
        String await(long millis, String... parts) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && Stream.of(parts).allMatch(line::contains)) {
                    return line;
                }
            }
            fail("No event line with " + List.of(parts));
            return null;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
