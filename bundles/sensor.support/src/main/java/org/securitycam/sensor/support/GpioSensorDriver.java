package org.securitycam.sensor.support;

import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.securitycam.api.gpio.GpioService;
import org.securitycam.api.sensor.SensorDriver;
import org.securitycam.api.sensor.SensorTypeInfo;

/**
 * A driver that watches a GPIO pin. Its type is listed whether or not the host has a GPIO board: the board is an
 * optional, dynamic reference, and {@link DigitalSession#open} says why a session cannot run without one.
 * Subclasses are DS components; their bundle builds with bnd's {@code -dsannotations-options: inherit} so that
 * the reference declared here reaches their component description.
 */
public abstract class GpioSensorDriver implements SensorDriver {
    /** The board, or null where the host has none; read it once per use. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    protected volatile GpioService gpio;

    private final SensorTypeInfo info;

    protected GpioSensorDriver(SensorTypeInfo info) {
        this.info = info;
    }

    @Override
    public final SensorTypeInfo info() {
        return info;
    }
}
