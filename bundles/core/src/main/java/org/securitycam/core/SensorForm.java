package org.securitycam.core;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeProvider;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.sensor.CalibrationParam;
import org.securitycam.api.sensor.SensorTypeInfo;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.settings.SettingsStore;

/**
 * The Web Console's form of the {@code Sensor} section. It changes at run time, so it is a Metatype provider rather
 * than an annotation: the type is picked from the installed drivers, and the calibration fields are those of the
 * type that is configured now (after the type changes, the form shows the new type's fields).
 */
@Component(property = MetaTypeProvider.METATYPE_PID + "=" + SensorForm.PID)
public class SensorForm implements MetaTypeProvider {
    static final String PID = "securitycam.sensor";

    private final SensorManager manager;
    private final SettingsStore settings;

    @Activate
    public SensorForm(@Reference SensorManager manager, @Reference SettingsStore settings) {
        this.manager = manager;
        this.settings = settings;
    }

    @Override
    public ObjectClassDefinition getObjectClassDefinition(String id, String locale) {
        if (!PID.equals(id)) {
            return null;
        }
        List<SensorTypeInfo> types = manager.types();
        Object type = settings.section("Sensor") instanceof Map<?, ?> m ? m.get("type") : null;
        SensorTypeInfo active = types.stream().filter(t -> t.type().equals(type)).findFirst().orElse(null);

        List<AttributeDefinition> fields = new ArrayList<>();
        fields.add(new Field("type", "Type", "The sensor driver; after a change, the form shows its calibration",
                AttributeDefinition.STRING, types.stream().map(SensorTypeInfo::name).toArray(String[]::new),
                types.stream().map(SensorTypeInfo::type).toArray(String[]::new)));
        fields.add(new Field("gpio", "GPIO pin", "BCM number, " + GpioService.MIN_PIN + " to " + GpioService.MAX_PIN
                + (active != null && active.defaultGpio() != null ? "; " + active.type() + " uses "
                        + active.defaultGpio() + " by default" : ""), AttributeDefinition.INTEGER, null, null));
        fields.add(new Field("enabled", "Enabled", "Whether the sensor is armed", AttributeDefinition.BOOLEAN,
                null, null));
        fields.add(new Field("hold_seconds", "Hold (s)",
                "How long a recording goes on after the sensor is released, 0 to 3600", AttributeDefinition.DOUBLE,
                null, null));
        fields.add(new Field("invert_logic", "Invert", "Reads the pin the other way round",
                AttributeDefinition.BOOLEAN, null, null));
        if (active != null) {
            for (CalibrationParam p : active.calibration()) {
                boolean whole = p.step() == Math.rint(p.step());
                fields.add(new Field("calibration." + p.key(), p.name(), p.description() + " ("
                        + Values.plain(p.min()) + " to " + Values.plain(p.max()) + (p.unit() == null ? "" : " " + p.unit())
                        + ", default " + Values.plain(p.defaultValue()) + ")",
                        whole ? AttributeDefinition.INTEGER : AttributeDefinition.DOUBLE, null, null));
            }
        }
        return new Form(active == null ? "The configured type is not installed" : active.name()
                + ": pin, hold and calibration of the sensor that triggers recordings", fields);
    }

    @Override
    public String[] getLocales() {
        return null;
    }

    private record Form(String description, List<AttributeDefinition> fields) implements ObjectClassDefinition {
        @Override
        public String getName() {
            return "security-cam sensor";
        }

        @Override
        public String getID() {
            return PID;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            return filter == OPTIONAL ? new AttributeDefinition[0] : fields.toArray(new AttributeDefinition[0]);
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    }

    /** One field; its value always comes from the mirrored configuration, so it declares no default. */
    private record Field(String id, String name, String description, int type, String[] labels, String[] values)
            implements AttributeDefinition {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public int getCardinality() {
            return 0;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return values;
        }

        @Override
        public String[] getOptionLabels() {
            return labels;
        }

        @Override
        public String validate(String value) {
            return null; // the sensor's own rules check the whole section when it is stored
        }

        @Override
        public String[] getDefaultValue() {
            return null;
        }
    }
}
