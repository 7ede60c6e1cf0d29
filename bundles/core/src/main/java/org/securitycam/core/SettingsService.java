package org.securitycam.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.events.Topics;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionValidator;
import org.securitycam.api.settings.SettingsStore;

/** The settings store of the device: {@code settings/settings.json} under the data home. */
@Component(service = SettingsStore.class)
public class SettingsService implements SettingsStore {
    private final SettingsFile file;
    private final EventAdmin events;
    private final Map<String, Object> defaults;
    private Map<String, Object> doc;

    // Looked up at write time, not injected: the owners of sections (the sensor manager among them) depend on
    // this store, and a reference back to them would be a service cycle.
    private final BundleContext context;

    @Activate
    public SettingsService(BundleContext context, @Reference EventAdmin events) {
        Path home = DataHome.of(context);
        this.events = events;
        this.defaults = Defaults.of(home, DataHome.isDevProfile(context));
        this.file = new SettingsFile(home.resolve("settings").resolve("settings.json"));
        this.doc = file.read();
        this.context = context;
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
        // Synchronous: when a client's POST /settings answers, the owners of the sections have applied them.
        events.sendEvent(new Event(Topics.SETTINGS_CHANGED, Map.of(Topics.SECTIONS, List.copyOf(written.keySet()))));
        return written;
    }

    private Object validate(String name, Object proposed) {
        Collection<ServiceReference<SectionValidator>> refs;
        try {
            refs = context.getServiceReferences(SectionValidator.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<SectionValidator> ref : refs) {
            SectionValidator v = context.getService(ref);
            try {
                if (v != null && v.sections().contains(name)) {
                    return v.validate(name, proposed);
                }
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException(name + ": " + e.getMessage());
            } finally {
                context.ungetService(ref);
            }
        }
        return proposed;
    }
}
