package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real device: the exported jar in a child JVM on a free loopback port, with its own data home. */
final class Device implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The password every test device starts with, through SECURITY_CAM_PASSWORD. */
    static final String PASSWORD = "correct horse battery";

    final Path home;
    final int port;
    private final String profile;
    private final String password;
    /** JAVA_OPTS for the start script; null starts the jar with java directly. */
    private final String scriptJavaOpts;
    /** More environment for the device, such as a PATH with fake tools first. */
    private final Map<String, String> environment;
    /** The local time zone of the device and its child processes, or null for this machine's. */
    private ZoneOffset zone;
    private Process process;
    private volatile String token;

    private Device(Path home, int port, String profile, String password, String scriptJavaOpts) {
        this(home, port, profile, password, scriptJavaOpts, Map.of());
    }

    private Device(Path home, int port, String profile, String password, String scriptJavaOpts,
            Map<String, String> environment) {
        this.home = home;
        this.port = port;
        this.profile = profile;
        this.password = password;
        this.scriptJavaOpts = scriptJavaOpts;
        this.environment = Map.copyOf(environment);
    }

    /** The device on the dev profile: simulated board, mock sensor. */
    static Device start(Path home) throws Exception {
        return start(home, "dev");
    }

    static Device start(Path home, String profile) throws Exception {
        return start(home, profile, freePort());
    }

    /** On a port the test chose, to watch it before the device is up. */
    static Device start(Path home, String profile, int port) throws Exception {
        Device d = new Device(home, port, profile, PASSWORD, null);
        d.launch();
        return d;
    }

    /** The dev profile with more environment variables, which replace the inherited ones. */
    static Device startWithEnvironment(Path home, Map<String, String> environment) throws Exception {
        Device d = new Device(home, freePort(), "dev", PASSWORD, null, environment);
        d.launch();
        return d;
    }

    /** The dev profile without SECURITY_CAM_PASSWORD: it logs in with the generated initial password. */
    static Device startWithGeneratedPassword(Path home) throws Exception {
        Device d = new Device(home, freePort(), "dev", null, null);
        d.launch();
        return d;
    }

    /** The dev profile through the start script recommended for a Pi, with these JAVA_OPTS. */
    static Device startWithScript(Path home, String javaOpts) throws Exception {
        Device d = new Device(home, freePort(), "dev", PASSWORD, javaOpts);
        d.launch();
        return d;
    }

    /**
     * The dev profile in the time zone {@code offset} (whole minutes), for the JVM and for the processes it starts, so
     * that a test can put the device's midnight a minute away.
     */
    static Device startInZone(Path home, ZoneOffset offset) throws Exception {
        Device d = new Device(home, freePort(), "dev", PASSWORD, null);
        d.zone = offset;
        d.launch();
        return d;
    }

    /** The password the device was given, or the one it generated into settings/initial-password. */
    String password() throws IOException {
        return password != null ? password : Files.readString(home.resolve("settings/initial-password")).trim();
    }

    void restart() throws Exception {
        stop();
        launch();
    }

    /** What a test does to the data home while the device is stopped. */
    interface WhileStopped {
        void run() throws Exception;
    }

    /** Stops the device, changes its data home, and starts it again. */
    void restartWith(WhileStopped change) throws Exception {
        stop();
        change.run();
        launch();
    }

    private void launch() throws Exception {
        Path jar = Path.of(System.getProperty("securitycam.jar"));
        List<String> java = new ArrayList<>(List.of(javaHome().resolve("bin/java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"));
        int minutes = zone == null ? 0 : zone.getTotalSeconds() / 60;
        String hhmm = String.format("%02d:%02d", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
        if (zone != null) {
            java.add("-Duser.timezone=GMT" + (minutes < 0 ? "-" : "+") + hhmm);
        }
        java.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = scriptJavaOpts == null ? new ProcessBuilder(java)
                : new ProcessBuilder(List.of(jar.resolveSibling("security-cam").toString()));
        if (zone != null) {
            // POSIX counts west as positive: UTC+01:30 is "<+0130>-01:30".
            pb.environment().put("TZ", "<" + (minutes < 0 ? "-" : "+") + hhmm.replace(":", "") + ">"
                    + (minutes < 0 ? "+" : "-") + hhmm);
        }
        if (scriptJavaOpts != null) {
            pb.environment().put("JAVA_OPTS", scriptJavaOpts);
            pb.environment().put("PATH", javaHome().resolve("bin") + ":"
                    + pb.environment().get("PATH"));
        }
        pb.environment().put("SECURITY_CAM_HOME", home.toString());
        pb.environment().put("SECURITY_CAM_PORT", Integer.toString(port));
        pb.environment().put("SECURITY_CAM_PROFILE", profile);
        pb.environment().remove("SECURITY_CAM_PASSWORD");
        pb.environment().putAll(environment);
        if (password != null) {
            pb.environment().put("SECURITY_CAM_PASSWORD", password);
        }
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolveSibling(home.getFileName() + "-console.log").toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("The device exited with " + process.exitValue());
            }
            try {
                if (token == null) {
                    HttpResponse<String> login = sendAnonymous(HttpRequest.newBuilder(uri("/auth/validate"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password() + "\"}")));
                    if (login.statusCode() == 200) {
                        token = JSON.readTree(login.body()).get("token").asText();
                    }
                }
                HttpResponse<String> r = token == null ? null : get("/sensor/status");
                if (r != null && r.statusCode() == 200 && r.body().contains("\"armed\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("The device did not serve /sensor/status within 60 s");
    }

    /**
     * The Java the device runs on: {@code securitycam.java.home} when the build names one (the suite runs again with
     * the device on the newest Java), else the one running the tests.
     */
    static Path javaHome() {
        String named = System.getProperty("securitycam.java.home");
        return Path.of(named == null || named.isBlank() ? System.getProperty("java.home") : named);
    }

    /** The feature release of the device's Java (17, 21, 25), from its release file. */
    static int javaFeature() throws IOException {
        for (String line : Files.readAllLines(javaHome().resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=\"")) {
                return Integer.parseInt(line.substring(14).split("[.\"]")[0]);
            }
        }
        throw new IOException("No JAVA_VERSION in " + javaHome().resolve("release"));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, "application/json");
    }

    HttpResponse<String> post(String path, String body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(b);
    }

    /** Sends with the device's current API token. */
    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return sendAnonymous(b.header("Authorization", "Bearer " + token));
    }

    /** Sends with the token and returns the raw body, for media. */
    HttpResponse<byte[]> sendBytes(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends as it is: no token unless the builder has one. */
    HttpResponse<String> sendAnonymous(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String token() {
        return token;
    }

    /** The process id of the device's JVM (the start script execs it, so it is the script's too). */
    long pid() {
        return process.pid();
    }

    /** The command line the device's JVM runs with. */
    List<String> jvmArguments() {
        return List.of(process.info().arguments().orElse(new String[0]));
    }

    /** After the token changed (regenerated, auth switched on): use this one from now on. */
    void useToken(String newToken) {
        this.token = newToken;
    }

    JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            fail("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    String log() throws IOException {
        Path log = home.resolve("logs/api/security-cam.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A power cut: SIGKILL for the device and every process it started, nothing is shut down cleanly. */
    void powerCut() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
