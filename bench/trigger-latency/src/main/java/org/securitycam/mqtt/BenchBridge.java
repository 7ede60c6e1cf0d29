package org.securitycam.mqtt;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.event.EventHandler;
import org.securitycam.api.sensor.manager.SensorManager;
import org.securitycam.api.settings.SettingsStore;

/**
 * A real {@link MqttBridge} outside the framework, for a benchmark: built as DS builds it, its status read and its
 * deactivation called as the framework would (both package-private in the bundle, hence this class in its package).
 */
public final class BenchBridge implements AutoCloseable {
    private final MqttBridge bridge;

    /** A bridge that reads its settings from {@code settings} and the sensor's state from {@code sensor}. */
    public BenchBridge(SettingsStore settings, SensorManager sensor) {
        this.bridge = new MqttBridge(versionOnly(), settings, sensor);
    }

    /** The bridge as Event Admin sees it. */
    public EventHandler handler() {
        return bridge;
    }

    /** What {@code GET /mqtt/status} would answer. */
    public Map<String, Object> status() {
        return bridge.status();
    }

    @Override
    public void close() throws InterruptedException {
        bridge.deactivate();
    }

    /** The bridge asks its context only for its bundle's version: a context that knows nothing else. */
    private static BundleContext versionOnly() {
        ClassLoader loader = BenchBridge.class.getClassLoader();
        Bundle bundle = (Bundle) Proxy.newProxyInstance(loader, new Class<?>[] { Bundle.class },
                (proxy, method, args) -> method.getName().equals("getVersion") ? new Version(0, 0, 0, "bench") : null);
        return (BundleContext) Proxy.newProxyInstance(loader, new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> method.getName().equals("getBundle") ? bundle : null);
    }
}
