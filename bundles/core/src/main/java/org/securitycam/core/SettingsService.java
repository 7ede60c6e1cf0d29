package org.securitycam.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.securitycam.api.events.Topics;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;
import org.securitycam.api.settings.SettingsStore;
import org.securitycam.api.settings.SettingsWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings store of the device: {@code settings/settings.json} under the data home. It owns the file, not the
 * rules: each section is validated and defaulted by the {@link SectionOwner} of its feature's bundle, and a section
 * without an installed owner is kept and shown exactly as stored.
 */
@Component(service = SettingsStore.class)
public class SettingsService implements SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);
    private final SettingsFile file;
    private final EventAdmin events;
    private final SectionOwners owners = new SectionOwners();
    private Map<String, Object> doc;

    @Activate
    public SettingsService(BundleContext context, @Reference EventAdmin events) {
        this.events = events;
        this.file = new SettingsFile(DataHome.of(context).resolve("settings").resolve("settings.json"));
        try {
            file.secure();
        } catch (IOException e) {
            LOG.error("Could not make the settings folder private: {}", e.toString());
        }
        this.doc = file.read();
        this.context = context;
    }

    private final BundleContext context;

    @Deactivate
    synchronized void deactivate() {
        owners.clear();
    }

    // Dynamic and multiple: feature bundles come and go, and with them the rules of their sections. Only the
    // reference is bound, never the service, so owners that depend on this store form no activation cycle.
    @Reference(service = SectionOwner.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addOwner(ServiceReference<SectionOwner> ref) {
        owners.add(new SectionOwners.Claim(ref, ref.getBundle().getSymbolicName(),
                SectionOwners.names(ref.getProperty(SectionOwner.SECTIONS)),
                SectionOwners.names(ref.getProperty(SectionOwner.SECRETS)), () -> context.getService(ref),
                () -> context.ungetService(ref)));
    }

    synchronized void removeOwner(ServiceReference<SectionOwner> ref) {
        owners.remove(ref);
    }

    @Override
    public synchronized Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String section : owners.sections()) {
            all.put(section, Copies.deep(doc.containsKey(section) ? doc.get(section) : owners.defaults(section)));
        }
        doc.forEach((k, v) -> all.putIfAbsent(k, Copies.deep(v)));
        return all;
    }

    @Override
    public synchronized Object section(String name) {
        return Copies.deep(doc.containsKey(name) ? doc.get(name) : owners.defaults(name));
    }

    @Override
    public synchronized Optional<Object> stored(String name) {
        return Optional.ofNullable(Copies.deep(doc.get(name)));
    }

    @Override
    public synchronized Set<String> secrets() {
        return owners.secrets();
    }

    @Override
    public Map<String, Object> update(Map<String, Object> sections, boolean merge) {
        Map<String, Object> written = new LinkedHashMap<>();
        synchronized (this) {
            Map<String, Object> next = new LinkedHashMap<>(doc);
            List<String> refused = new ArrayList<>();
            for (Map.Entry<String, Object> e : sections.entrySet()) {
                String name = e.getKey();
                Object proposed = Copies.deep(e.getValue());
                Object current = section(name);
                if (merge && proposed instanceof Map<?, ?> p && current instanceof Map<?, ?> c) {
                    Map<Object, Object> merged = new LinkedHashMap<>(c);
                    merged.putAll(p);
                    proposed = merged;
                }
                Object value;
                try {
                    value = owners.validate(name, proposed);
                } catch (InvalidSettingsException refusal) {
                    // Every section is checked, so that a client fixes all of them at once.
                    refused.add(name + ": " + refusal.getMessage());
                    continue;
                }
                next.put(name, value);
                written.put(name, Copies.deep(value));
            }
            if (!refused.isEmpty()) {
                throw new InvalidSettingsException(String.join("; ", refused));
            }
            try {
                file.write(next);
            } catch (IOException e) {
                LOG.error("Could not save {}: {}", file.path(), e.toString());
                throw new SettingsWriteException("The settings could not be saved: " + SettingsFile.reason(e), e);
            }
            doc = next;
        }
        // Synchronous: when a client's POST /settings answers, the owners of the sections have applied them.
        events.sendEvent(new Event(Topics.SETTINGS_CHANGED, Map.of(Topics.SECTIONS, List.copyOf(written.keySet()))));
        return written;
    }
}
