package org.securitycam.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.securitycam.api.gpio.GpioException;
import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.sensor.CalibrationParam;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.sensor.manager.SensorStatus;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.web.ApiError;
import org.securitycam.web.JsonBody;

/**
 * The {@code /sensor/*} routes beside the sensor manager: its status, the installed types, configuring, enabling
 * and a wiring test. None waits on a driver for long: the manager answers from its current state. The mock sensor's
 * own routes live in its bundle.
 */
@Component(service = SensorResource.class)
@JakartarsResource
@JSONRequired
@Path("sensor")
@Produces(MediaType.APPLICATION_JSON)
public class SensorResource {
    private final SensorManager manager;
    private final SettingsStore settings;

    // Optional and dynamic: the GPIO board is a bundle that may be absent (a host without GPIO) or replaced.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GpioService gpio;

    @Activate
    public SensorResource(@Reference SensorManager manager, @Reference SettingsStore settings) {
        this.manager = manager;
        this.settings = settings;
    }

    @GET
    @Path("types")
    public List<Map<String, Object>> types() {
        List<Map<String, Object>> out = new ArrayList<>();
        manager.types().forEach(t -> out.add(type(t)));
        return out;
    }

    @GET
    @Path("status")
    public Map<String, Object> status() {
        SensorStatus s = manager.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", s.enabled());
        out.put("armed", s.armed());
        out.put("triggered", s.triggered());
        out.put("suppressed", s.suppressed());
        out.put("recording_from_sensor", s.recordingFromSensor());
        out.put("hold_seconds", Values.plain(s.config().holdSeconds()));
        out.put("config", settings.section("Sensor"));
        if (s.type() == null) {
            out.put("sensor", null);
        } else {
            Map<String, Object> sensor = new LinkedHashMap<>();
            sensor.put("type", s.type().type());
            sensor.put("name", s.type().name());
            sensor.put("gpio", s.config().gpio() != null ? s.config().gpio() : s.type().defaultGpio());
            sensor.put("running", s.running());
            out.put("sensor", sensor);
        }
        out.put("available", s.available());
        out.put("problem", s.problem());
        out.put("conflict", s.conflict());
        return out;
    }

    @POST
    @Path("configure")
    public Response configure(Map<String, Object> body) {
        JsonBody.required(body); // the sensor manager checks the fields, as it does for POST /settings
        Object type = body.get("type");
        if (type instanceof String t && manager.types().stream().noneMatch(i -> i.type().equals(t))) {
            return unknownType(t);
        }
        manager.configure(body);
        return Response.ok(Map.of("message", "Sensor configured", "config", settings.section("Sensor"))).build();
    }

    @POST
    @Path("enable")
    public Map<String, Object> enable() {
        manager.setEnabled(true);
        return Map.of("message", "Sensor enabled");
    }

    @POST
    @Path("disable")
    public Map<String, Object> disable() {
        manager.setEnabled(false);
        return Map.of("message", "Sensor disabled");
    }

    @POST
    @Path("test")
    public Response test(Map<String, Object> body) {
        String t = JsonBody.string(JsonBody.object(body, Set.of("type", "gpio")), "type");
        SensorTypeInfo info = manager.types().stream().filter(i -> i.type().equals(t)).findFirst().orElse(null);
        if (info == null) {
            return unknownType(t);
        }
        Object pin = body.get("gpio");
        if (pin != null && !(pin instanceof Integer p && p >= GpioService.MIN_PIN && p <= GpioService.MAX_PIN)) {
            throw new InvalidSettingsException("gpio must be an integer from 0 to 27");
        }
        if (info.defaultGpio() == null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("value", null);
            out.put("message", "Mock sensor has no GPIO to test");
            return Response.ok(out).build();
        }
        int number = pin != null ? (Integer) pin : info.defaultGpio();
        GpioService board = gpio;
        if (board == null) {
            return ApiError.of(503, "GPIO is not available on this host");
        }
        try {
            return Response.ok(Map.of("value", board.read(number), "gpio", number, "type", t)).build();
        } catch (GpioException e) {
            return ApiError.of(409, e.getMessage());
        }
    }

    private Response unknownType(String type) {
        return ApiError.of(400, "Unknown sensor type: " + type,
                Map.of("available", manager.types().stream().map(SensorTypeInfo::type).toList()));
    }

    private static Map<String, Object> type(SensorTypeInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", t.type());
        m.put("name", t.name());
        m.put("default_gpio", t.defaultGpio());
        m.put("module", t.module());
        m.put("description", t.description());
        m.put("use_case", t.useCase());
        m.put("wiring", t.wiring().stream().map(w -> Map.of("pin", w.pin(), "connect", w.connect())).toList());
        m.put("wiring_note", t.wiringNote());
        m.put("calibration", t.calibration().stream().map(SensorResource::param).toList());
        return m;
    }

    private static Map<String, Object> param(CalibrationParam p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", p.key());
        m.put("name", p.name());
        m.put("type", "range");
        m.put("min", Values.plain(p.min()));
        m.put("max", Values.plain(p.max()));
        m.put("default", Values.plain(p.defaultValue()));
        m.put("step", Values.plain(p.step()));
        if (p.unit() != null) {
            m.put("unit", p.unit());
        }
        m.put("description", p.description());
        m.put("labels", Map.of("min", p.minLabel(), "max", p.maxLabel()));
        return m;
    }
}
