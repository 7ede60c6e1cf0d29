package org.securitycam.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.events.Topics;
import org.securitycam.web.ReplayRing.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /events}: the device's Event Admin topics as Server-Sent Events. One thread serves every client: each
 * has a bounded queue that drops its oldest frame when full, a {@code : heartbeat} comes on connect and after 15 s
 * of quiet, a client that went away is dropped at the next write, and {@code Last-Event-ID} (or the query parameter
 * {@code lastEventId}) replays what is still in a {@link ReplayRing} of recent frames. Each new client is announced
 * on {@link Topics#EVENTS_CLIENT}, so that a feature can send it fresh state (presence polls at once).
 */
@Component(service = { EventStream.class, EventHandler.class }, property = {
        EventConstants.EVENT_TOPIC + "=" + Topics.SENSOR_STATE, EventConstants.EVENT_TOPIC + "=" + Topics.RECORDING_STATE,
        EventConstants.EVENT_TOPIC + "=" + Topics.ARCHIVE_UPDATED, EventConstants.EVENT_TOPIC + "=" + Topics.SYSTEM_ALERT,
        EventConstants.EVENT_TOPIC + "=" + Topics.PRESENCE_NOTICE, EventConstants.EVENT_TOPIC + "=" + Topics.CONNECTIONS,
        EventConstants.EVENT_TOPIC + "=" + Topics.SYSTEM_INFO })
@JakartarsResource
@Path("events")
public class EventStream implements EventHandler {
    static final int QUEUE = 64;
    static final int RING = 128;
    static final long HEARTBEAT_MS = 15_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Map<String, String> NAMES = Map.of(Topics.SENSOR_STATE, "sensor_state",
            Topics.RECORDING_STATE, "recording_state", Topics.ARCHIVE_UPDATED, "archive_updated",
            Topics.SYSTEM_ALERT, "system_alert", Topics.PRESENCE_NOTICE, "presence_change",
            Topics.CONNECTIONS, "connections", Topics.SYSTEM_INFO, "system_info");

    private final ObjectMapper json = new ObjectMapper();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    // The system's figures come every 10 s and each says all there is: only the newest is worth replaying.
    private final ReplayRing ring = new ReplayRing(RING, Set.of(NAMES.get(Topics.SYSTEM_INFO)));
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-sender");
        t.setDaemon(true);
        return t;
    });
    private final EventAdmin events;

    @Activate
    public EventStream(@Reference EventAdmin events) {
        this.events = events;
        sender.scheduleWithFixedDelay(this::heartbeats, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sender.shutdownNow();
        clients.forEach(c -> c.sink.close());
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastId,
            @QueryParam("lastEventId") String lastIdParam) {
        Client client = new Client(sink, sse);
        // A page that opens a new EventSource (after the browser gave up reconnecting) cannot set the header.
        long after = parse(lastId != null ? lastId : lastIdParam);
        ring.after(after).forEach(client::offer);
        client.heartbeatDue = true;
        clients.add(client);
        sender.execute(() -> flush(client));
        events.postEvent(new Event(Topics.EVENTS_CLIENT, Map.of()));
    }

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String key : event.getPropertyNames()) {
            if (!key.startsWith("event.")) {
                data.put(key, event.getProperty(key));
            }
        }
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            LOG.warn("Event {} cannot be sent as JSON: {}", event.getTopic(), e.getMessage());
            return;
        }
        Frame frame = ring.add(NAMES.getOrDefault(event.getTopic(), event.getTopic()), text);
        for (Client c : clients) {
            c.offer(frame);
            sender.execute(() -> flush(c));
        }
    }

    private void flush(Client c) {
        try {
            if (c.sink.isClosed()) {
                clients.remove(c);
                return;
            }
            if (c.heartbeatDue) {
                c.heartbeatDue = false;
                send(c, c.sse.newEventBuilder().comment("heartbeat").build());
            }
            for (Frame f = c.poll(); f != null; f = c.poll()) {
                send(c, c.sse.newEventBuilder().id(Long.toString(f.id())).name(f.name()).data(f.data()).build());
            }
        } catch (RuntimeException e) {
            clients.remove(c);
            c.sink.close();
        }
    }

    private void send(Client c, OutboundSseEvent event) {
        c.lastSent = System.currentTimeMillis();
        c.sink.send(event).whenComplete((ok, failure) -> {
            if (failure != null) {
                clients.remove(c);
                c.sink.close();
            }
        });
    }

    private void heartbeats() {
        long now = System.currentTimeMillis();
        for (Client c : clients) {
            if (c.sink.isClosed()) {
                clients.remove(c);
            } else if (now - c.lastSent >= HEARTBEAT_MS) {
                c.heartbeatDue = true;
                flush(c);
            }
        }
    }

    private static long parse(String id) {
        try {
            return id == null ? -1 : Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Client {
        final SseEventSink sink;
        final Sse sse;
        private final Deque<Frame> queue = new ArrayDeque<>();
        volatile boolean heartbeatDue;
        volatile long lastSent = System.currentTimeMillis();

        Client(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        synchronized void offer(Frame f) {
            if (queue.size() >= QUEUE) {
                queue.removeFirst();
            }
            queue.addLast(f);
        }

        synchronized Frame poll() {
            return queue.pollFirst();
        }
    }
}
