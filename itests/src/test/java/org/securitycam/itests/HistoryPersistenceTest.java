package org.securitycam.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The event log and the health history on disk: the 5,000 cap over an event log that already holds more, the CSV
 * export read back by a CSV reader, both histories across a restart of the device, and a corrupt history file set
 * aside.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryPersistenceTest {
    static final int SEEDED = 6_000;
    @TempDir
    static Path dir;
    static Path home;
    static Device device;

    @BeforeAll
    static void start() throws Exception {
        home = dir.resolve("home");
        // An event log of more than the cap, as a long-running device would have written it.
        Files.createDirectories(home.resolve("history"));
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(50).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder seed = new StringBuilder();
        for (int i = 1; i <= SEEDED; i++) {
            String detail = i % 2 == 0 ? "door, \"front\"" : "reason: sensor\nsecond line";
            seed.append("{\"ts\":\"").append(t.plusNanos(i * 100_000_000L).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\",\"type\":\"seeded_").append(i)
                    .append("\",\"severity\":\"info\",\"detail\":").append(Device.JSON.writeValueAsString(detail))
                    .append("}\n");
        }
        Files.writeString(home.resolve("history/events.jsonl"), seed);
        SystemFakes fakes = new SystemFakes(dir.resolve("fakes"));
        fakes.configure(home);
        device = Device.start(home);
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
    }

    @Test
    @Order(1)
    void theCapHoldsAndTheCsvReadsBack() throws Exception {
        JsonNode all = device.getJson("/event_history?hours=4380");
        assertEquals(5_000, all.size());
        int seeded = 0;
        List<String> newer = new ArrayList<>();
        for (JsonNode e : all) {
            if (e.get("type").asText().startsWith("seeded_")) {
                seeded++;
            } else {
                newer.add(e.get("type").asText());
            }
        }
        assertEquals("boot", newer.get(0), "after the seeded entries comes this start: " + newer);
        assertEquals("seeded_" + SEEDED, all.get(seeded - 1).get("type").asText());
        assertEquals("seeded_" + (SEEDED - seeded + 1), all.get(0).get("type").asText(), "the oldest went first");
        assertTrue(lines(home.resolve("history/events.jsonl")) <= 10_000);
        // A wrong password is an unauthorized access, with the client's address.
        device.post("/auth/validate", "{\"password\":\"not it\"}");
        JsonNode recent = device.getJson("/event_history?hours=1");
        assertEquals(5_000, recent.size(), "the cap holds as entries are added");
        JsonNode last = recent.get(recent.size() - 1);
        assertEquals("unauthorized_access", last.get("type").asText());
        assertEquals("warning", last.get("severity").asText());
        assertTrue(last.get("detail").asText().contains("127.0.0.1"), last.toString());

        var csv = device.get("/event_history/csv?hours=4380");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv.body()))) {
            assertEquals(List.of("ts", "type", "severity", "detail"), parser.getHeaderNames());
            records = parser.getRecords();
        }
        JsonNode json = device.getJson("/event_history?hours=4380");
        assertEquals(json.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode e = json.get(i);
            CSVRecord r = records.get(i);
            assertEquals(e.get("ts").asText(), r.get("ts"));
            assertEquals(e.get("type").asText(), r.get("type"));
            assertEquals(e.get("severity").asText(), r.get("severity"));
            assertEquals(e.has("detail") ? e.get("detail").asText() : "", r.get("detail"));
        }
    }

    @Test
    @Order(2)
    void bothHistoriesSurviveARestartAndACorruptFileIsSetAside() throws Exception {
        HotDeployTest.await(device, "three health samples", 15_000,
                () -> device.getJson("/health_history").size() >= 3);
        List<String> samples = stamps(device.getJson("/health_history"));
        device.post("/auth/validate", "{\"password\":\"still not it\"}");
        device.restart();
        List<String> after = stamps(device.getJson("/health_history"));
        assertTrue(after.containsAll(samples), "samples before the restart are kept: " + samples + " " + after);
        List<String> types = new ArrayList<>();
        device.getJson("/event_history?hours=1").forEach(e -> types.add(e.get("type").asText()));
        assertEquals(2, types.stream().filter("unauthorized_access"::equals).count(), types.toString());
        assertEquals(2, types.stream().filter("boot"::equals).count(), types.toString());

        // The health history replaced by garbage behind the device's back.
        Path file = home.resolve("history/health.jsonl");
        Path garbage = home.resolve("history/garbage");
        Files.writeString(garbage, "{\"ts\":\"x\"}\nthis is not a sample\n");
        Files.move(garbage, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        device.restart();
        try (Stream<Path> s = Files.list(home.resolve("history"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("health.jsonl.corrupt-")),
                    "set aside");
        }
        HotDeployTest.await(device, "a fresh health history", 15_000,
                () -> device.getJson("/health_history").size() >= 1);
        assertTrue(device.log().contains("health.jsonl is corrupt"));
        assertEquals(Set.of(), Set.copyOf(stamps(device.getJson("/health_history"))).stream()
                .filter(after::contains).collect(java.util.stream.Collectors.toSet()), "started fresh");
    }

    private static List<String> stamps(JsonNode samples) {
        List<String> out = new ArrayList<>();
        samples.forEach(s -> out.add(s.get("ts").asText()));
        return out;
    }

    private static long lines(Path file) throws Exception {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }
}
