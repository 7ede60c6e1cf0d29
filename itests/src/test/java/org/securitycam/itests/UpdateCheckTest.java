package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The update check against real git: a local bare repository is the remote, and SECURITY_CAM_REPO names a link
 * that the test points at one checkout after another: 3 commits behind, up to date, on a branch the remote lacks,
 * not a checkout, and one whose remote accepts the connection and never answers. Also the maintenance routes of a
 * device with no commands configured.
 */
class UpdateCheckTest {
    @TempDir
    static Path dir;
    static Device device;
    static Path link;
    static ServerSocket silent;
    static final List<Socket> held = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path remote = dir.resolve("remote.git");
        git(dir, "init", "--quiet", "--bare", "--initial-branch=main", remote.toString());
        Path work = dir.resolve("work");
        git(dir, "clone", "--quiet", remote.toString(), work.toString());
        commit(work, "first");
        git(work, "push", "--quiet", "origin", "HEAD:main");
        git(dir, "clone", "--quiet", remote.toString(), dir.resolve("behind").toString());
        commit(work, "feat: add update check");
        commit(work, "fix: sensor timeout");
        commit(work, "docs: the update check");
        git(work, "push", "--quiet", "origin", "HEAD:main");
        git(dir, "clone", "--quiet", remote.toString(), dir.resolve("current").toString());
        git(dir, "clone", "--quiet", remote.toString(), dir.resolve("feature").toString());
        git(dir.resolve("feature"), "checkout", "--quiet", "-b", "feature");
        Files.createDirectories(dir.resolve("plain"));
        silent = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        git(dir, "clone", "--quiet", remote.toString(), dir.resolve("offline").toString());
        git(dir.resolve("offline"), "remote", "set-url", "origin",
                "http://127.0.0.1:" + silent.getLocalPort() + "/remote.git");
        link = dir.resolve("repo");
        point("behind");
        device = Device.startWithEnvironment(dir.resolve("home"), Map.of("SECURITY_CAM_REPO", link.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void everyOutcomeOfTheCheck() throws Exception {
        JsonNode deploy = device.getJson("/deploy_info");
        assertEquals("main", deploy.get("git_branch").asText());
        assertEquals(git(dir.resolve("behind"), "rev-parse", "--short=7", "HEAD"), deploy.get("git_commit").asText());
        assertEquals(deploy.get("git_commit"), device.getJson("/system_stats").get("git_commit"));

        JsonNode behind = device.getJson("/system/update/check");
        assertTrue(behind.get("available").asBoolean(), behind.toString());
        assertEquals(3, behind.get("commits_behind").asInt());
        assertEquals("main", behind.get("branch").asText());
        assertEquals(git(dir.resolve("behind"), "rev-parse", "--short=8", "HEAD"), behind.get("local_commit").asText());
        assertEquals(git(dir.resolve("work"), "rev-parse", "--short=8", "HEAD"), behind.get("remote_commit").asText());
        String[] summary = behind.get("summary").asText().split("\n");
        assertEquals(3, summary.length, behind.toString());
        assertTrue(summary[0].endsWith(" docs: the update check"), summary[0]);
        assertTrue(summary[2].endsWith(" feat: add update check"), summary[2]);

        point("current");
        JsonNode current = device.getJson("/system/update/check");
        assertFalse(current.get("available").asBoolean(), current.toString());
        assertEquals(0, current.get("commits_behind").asInt());
        assertEquals(current.get("local_commit"), current.get("remote_commit"));

        point("feature");
        assertEquals(Map.of("available", false, "error", "Remote branch origin/feature not found"),
                check());

        point("plain");
        assertEquals(Map.of("available", false, "error", "Not a git checkout"), check());

        point("offline");
        long t0 = System.nanoTime();
        // Longer than the device's own 20 s, which the test client's usual 10 s would not wait for.
        HttpResponse<String> slow = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                device.uri("/system/update/check")).header("Authorization", "Bearer " + device.token())
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, slow.statusCode());
        assertEquals(Map.of("available", false, "error", "Timed out - check internet connection"),
                map(device.json(slow)));
        long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertTrue(took >= 19, "the fetch was given its 20 s: " + took);
        // The killed fetch left no git process behind.
        Thread.sleep(500);
        List<String> left = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.parent().map(pp -> pp.pid() == device.pid()).orElse(false))
                .forEach(p -> left.add(p.info().commandLine().orElse("?")));
        assertTrue(left.stream().noneMatch(c -> c.contains("git")), left.toString());
    }

    @Test
    void withoutCommandsRebootIs501AndTheCaptivePortalOnlyKeepsItsSetting() throws Exception {
        var reboot = device.post("/system/reboot", null);
        assertEquals(501, reboot.statusCode());
        assertTrue(device.json(reboot).get("error").asText().contains("reboot"));
        assertEquals(Map.of("enabled", true, "active", false), map(device.getJson("/captive-portal")));
        var off = device.post("/captive-portal", "{\"enabled\": false}");
        assertEquals(200, off.statusCode(), off.body());
        assertEquals(Map.of("enabled", false, "active", false), map(device.json(off)));
        assertEquals(false, device.getJson("/settings").get("CaptivePortal").get("enabled").asBoolean());
        for (String bad : List.of("{\"enabled\": \"yes\"}", "{\"enabled\": true, \"port\": 80}", "{}", "[]", "nope")) {
            var r = device.post("/captive-portal", bad);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
        }
        assertEquals(false, device.getJson("/captive-portal").get("enabled").asBoolean(), "refused bodies change nothing");
    }

    private static Map<String, Object> check() throws Exception {
        return map(device.getJson("/system/update/check"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        return Device.JSON.convertValue(n, Map.class);
    }

    private static void point(String checkout) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, dir.resolve(checkout));
    }

    private static void commit(Path repo, String message) throws Exception {
        Files.writeString(repo.resolve("file.txt"), message + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        git(repo, "add", "file.txt");
        git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message);
    }

    static String git(Path in, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }
}
