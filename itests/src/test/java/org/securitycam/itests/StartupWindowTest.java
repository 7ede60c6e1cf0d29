package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.bench.RawHttp;

/**
 * From the moment the port opens until the API is up, every answer is JSON: 503 {"error":"Starting"}, never the
 * HTML 404 of a Jetty without servlets, nor the 404 of a route the API has not taken yet (only a path that is no
 * route answers 404); and the same while the device stops (Jetty goes first).
 */
class StartupWindowTest {
    @TempDir
    Path dir;

    @Test
    void everyAnswerWhileStartingIsJson() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        boolean[] stopping = new boolean[1];
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (String path : new String[] { "/sensor/status", "/auth/status", "/nope" }) {
                    try {
                        RawHttp r = RawHttp.get(port, path, null);
                        answers.add(path + " " + r.status());
                        boolean starting = r.status() == 503 && r.body().equals("{\"error\":\"Starting\"}");
                        // A route never answers 404: the gate waits until the API has taken every route there is.
                        boolean notFound = path.equals("/nope") && r.status() == 404
                                && r.body().equals("{\"error\":\"Not found\"}");
                        if (!r.isJson() || !(starting || notFound || r.status() == 200 || r.status() == 401)) {
                            wrong.add(path + " -> " + r + (stopping[0] ? " (while stopping)"
                                    : answers.stream().anyMatch(a -> a.endsWith(" 200")) ? " (once the API had answered)"
                                    : " (before the API answered)"));
                        }
                    } catch (IOException notListening) {
                        // the port is not open yet
                    }
                }
            }
        });
        poller.setDaemon(true);
        poller.start();
        try (Device d = Device.start(dir.resolve("home"), "dev", port)) {
            Thread.sleep(200);
            stopping[0] = true;
        } finally {
            poller.interrupt();
            poller.join(15_000);
        }
        assertTrue(wrong.isEmpty(), "while starting: " + wrong);
        assertTrue(answers.stream().anyMatch(a -> a.endsWith(" 503")), "no answer before the API was up: " + answers);
    }
}
