package org.securitycam.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.events.Topics;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionValidator;
import org.securitycam.api.settings.SettingsStore;
import org.osgi.util.tracker.ServiceTracker;

/** The settings store of the device: {@code settings/settings.json} under the data home. */
@Component(service = SettingsStore.class)
public class SettingsService implements SettingsStore {
    private final SettingsFile file;
    private final EventAdmin events;
    private final Map<String, Object> defaults;
    private Map<String, Object> doc;

    // Looked up at write time, not injected: the owners of sections (the sensor manager among them) depend on
    // this store, and a reference back to them would be a service cycle.
    private final ServiceTracker<SectionValidator, SectionValidator> validators;

    @Activate
    public SettingsService(BundleContext context, @Reference EventAdmin events) {
        Path home = DataHome.of(context);
        this.events = events;
        this.defaults = Defaults.of(home, DataHome.isDevProfile(context));
        this.file = new SettingsFile(home.resolve("settings").resolve("settings.json"));
        this.doc = file.read();
        this.validators = new ServiceTracker<>(context, SectionValidator.class, null);
        validators.open();
    }

    @Deactivate
    void deactivate() {
        validators.close();
    }

    @Override
    public synchronized Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        defaults.forEach((k, v) -> all.put(k, Copies.deep(doc.getOrDefault(k, v))));
        doc.forEach((k, v) -> all.putIfAbsent(k, Copies.deep(v)));
        return all;
    }

    @Override
    public synchronized Object section(String name) {
        return Copies.deep(doc.containsKey(name) ? doc.get(name) : defaults.get(name));
    }

    @Override
    public Map<String, Object> update(Map<String, Object> sections, boolean merge) {
        Map<String, Object> written = new LinkedHashMap<>();
        synchronized (this) {
            Map<String, Object> next = new LinkedHashMap<>(doc);
            for (Map.Entry<String, Object> e : sections.entrySet()) {
                String name = e.getKey();
                Object proposed = Copies.deep(e.getValue());
                Object current = section(name);
                if (merge && proposed instanceof Map<?, ?> p && current instanceof Map<?, ?> c) {
                    Map<Object, Object> merged = new LinkedHashMap<>(c);
                    merged.putAll(p);
                    proposed = merged;
                }
                Object value = validate(name, proposed);
                next.put(name, value);
                written.put(name, Copies.deep(value));
            }
            try {
                file.write(next);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not save " + file.path() + ": " + e.getMessage(), e);
            }
            doc = next;
        }
        events.postEvent(new Event(Topics.SETTINGS_CHANGED, Map.of(Topics.SECTIONS, List.copyOf(written.keySet()))));
        return written;
    }

    private Object validate(String name, Object proposed) {
        SectionValidator[] owners = validators.getServices(new SectionValidator[0]);
        if (owners != null) {
            for (SectionValidator v : owners) {
                if (v.sections().contains(name)) {
                    try {
                        return v.validate(name, proposed);
                    } catch (InvalidSettingsException e) {
                        throw new InvalidSettingsException(name + ": " + e.getMessage());
                    }
                }
            }
        }
        return proposed;
    }
}
