package org.securitycam.core;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.securitycam.api.events.Topics;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * settings.json and Config Admin as one configuration: the sections of every owner that names a
 * {@link SectionOwner#PID} are mirrored into that configuration, so the Web Console draws their form, and an edit
 * there goes through the owner's rules into settings.json. settings.json is the truth: at start and after every
 * change it is written into the configuration; an edit in the console is taken as the properties that differ from
 * what the configuration was last known to hold, so that it never undoes a REST change it did not see, its own echo
 * changes nothing, and no write-back covers an edit not yet taken. Secrets are never written into a configuration;
 * one that the owner's form offers as a password field is taken when typed there, and gone from the configuration
 * with the write-back that follows. One thread does all of it, in order.
 */
@Component(service = { ConfigurationListener.class, EventHandler.class },
        property = EventConstants.EVENT_TOPIC + "=" + Topics.SETTINGS_CHANGED)
public class ConfigMirror implements ConfigurationListener, EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigMirror.class);
    /** Properties that Config Admin and the console add; they are no field of any section. */
    private static final Set<String> NOT_FIELDS = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    private final SettingsStore settings;
    private final ConfigurationAdmin configAdmin;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "settings-config-mirror");
        t.setDaemon(true);
        return t;
    });
    // Touched only on the mirror's thread.
    private final Map<ServiceReference<?>, String> pids = new HashMap<>();
    private final Map<String, FlatForm> forms = new HashMap<>();
    private final Map<String, Bundle> formBundles = new HashMap<>();
    /** What was last written into each configuration: an edit is what differs from it. */
    private final Map<String, Map<String, Object>> mirrored = new HashMap<>();

    // Optional and dynamic: without the Metatype service there are no forms to type a password into, and the rest of
    // the mirror still works.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MetaTypeService metaType;

    @Activate
    public ConfigMirror(@Reference SettingsStore settings, @Reference ConfigurationAdmin configAdmin) {
        this.settings = settings;
        this.configAdmin = configAdmin;
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
    }

    // Dynamic and multiple: feature bundles come and go with their sections. Only the reference is bound, so the
    // owner's properties say all that is needed and no owner is activated for it.
    @Reference(service = SectionOwner.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addOwner(ServiceReference<SectionOwner> ref) {
        Object pid = ref.getProperty(SectionOwner.PID);
        if (!(pid instanceof String p) || p.isBlank()) {
            return;
        }
        List<String> sections = SectionOwners.names(ref.getProperty(SectionOwner.SECTIONS));
        Set<String> secrets = Set.copyOf(SectionOwners.names(ref.getProperty(SectionOwner.SECRETS)));
        later(() -> {
            if (forms.containsKey(p)) {
                LOG.error("Two settings owners name the configuration {}; only the first is mirrored", p);
                return;
            }
            pids.put(ref, p);
            forms.put(p, new FlatForm(sections, secrets));
            formBundles.put(p, ref.getBundle());
            mirror(p);
        });
    }

    void removeOwner(ServiceReference<SectionOwner> ref) {
        later(() -> {
            String pid = pids.remove(ref);
            if (pid != null) {
                forms.remove(pid);
                formBundles.remove(pid);
                mirrored.remove(pid);
            }
        });
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.SECTIONS) instanceof List<?> changed) {
            later(() -> forms.forEach((pid, form) -> {
                if (form.sections().stream().anyMatch(changed::contains)) {
                    mirror(pid);
                }
            }));
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (event.getFactoryPid() != null) {
            return;
        }
        later(() -> {
            if (!forms.containsKey(pid)) {
                return;
            }
            if (event.getType() == ConfigurationEvent.CM_DELETED) {
                mirrored.remove(pid);
                mirror(pid); // the section is still there, so is its configuration
            } else if (event.getType() == ConfigurationEvent.CM_UPDATED) {
                edited(pid);
            }
        });
    }

    /**
     * Writes the sections into their configuration, if it does not say the same already. An edit in the
     * configuration that has not been taken yet is taken first: writing the settings over it would undo it, as when
     * a second save in the console arrives while the first is being stored.
     */
    private void mirror(String pid) {
        FlatForm form = forms.get(pid);
        try {
            Configuration config = configAdmin.getConfiguration(pid, "?");
            Map<String, Object> now = properties(config);
            Map<String, Object> known = mirrored.get(pid);
            if (known != null && now != null && !FlatForm.same(known, now)) {
                take(pid, known, now);
            }
            Map<String, Object> props = form.flatten(current(form));
            mirrored.put(pid, props);
            if (now == null || !FlatForm.same(now, props)) {
                config.update(new Hashtable<>(props));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.error("Could not mirror the settings into the configuration {}: {}", pid, e.getMessage());
        }
    }

    /** A change in the configuration: unless it is the echo of a mirror, the mirror takes it and writes it back. */
    private void edited(String pid) {
        Map<String, Object> after;
        try {
            after = properties(configAdmin.getConfiguration(pid, "?"));
        } catch (IOException | IllegalStateException e) {
            LOG.error("Could not read the configuration {}: {}", pid, e.getMessage());
            return;
        }
        Map<String, Object> known = mirrored.get(pid);
        if (known != null && after != null && !FlatForm.same(known, after)) {
            mirror(pid);
        }
    }

    /**
     * Takes an edit: what differs between what was known to be in the configuration and what is there now goes
     * through the owner into settings.json. The caller writes the configuration back afterwards: after a refusal it
     * is put back, after a change it takes the stored spelling.
     */
    private void take(String pid, Map<String, Object> before, Map<String, Object> after) {
        FlatForm form = forms.get(pid);
        mirrored.put(pid, after);
        Map<String, Object> current = current(form);
        Map<String, Object> proposal = form.apply(current, before, after, passwordFields(pid));
        if (proposal.isEmpty()) {
            return; // only fields without a meaning changed: the form is put back to what is stored
        }
        try {
            store(proposal, current);
            LOG.info("Settings {} changed in the Web Console ({})", String.join(", ", proposal.keySet()), pid);
        } catch (InvalidSettingsException refused) {
            LOG.warn("Refused a Web Console edit of {} and put it back: {}", pid, refused.getMessage());
        }
    }

    /** Stores a proposal; if refused, once more without the nested objects the edit did not touch. */
    private void store(Map<String, Object> proposal, Map<String, Object> current) {
        try {
            settings.update(proposal, false);
        } catch (InvalidSettingsException refused) {
            Map<String, Object> retry = FlatForm.withoutUntouched(proposal, current);
            if (retry == null) {
                throw refused;
            }
            try {
                settings.update(retry, false);
            } catch (InvalidSettingsException again) {
                throw refused;
            }
        }
    }

    /** The attributes that the configuration's form offers as password fields (the console never shows them). */
    private Set<String> passwordFields(String pid) {
        MetaTypeService service = metaType;
        Bundle bundle = formBundles.get(pid);
        if (service == null || bundle == null) {
            return Set.of();
        }
        try {
            MetaTypeInformation info = service.getMetaTypeInformation(bundle);
            ObjectClassDefinition ocd = info == null ? null : info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attributes = ocd == null ? null
                    : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            if (attributes == null) {
                return Set.of();
            }
            Set<String> out = new HashSet<>();
            for (AttributeDefinition a : attributes) {
                if (a.getType() == AttributeDefinition.PASSWORD) {
                    out.add(a.getID());
                }
            }
            return out;
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.debug("No form for {}: {}", pid, e.getMessage());
            return Set.of();
        }
    }

    private Map<String, Object> current(FlatForm form) {
        Map<String, Object> values = new LinkedHashMap<>();
        form.sections().forEach(s -> values.put(s, settings.section(s)));
        return values;
    }

    /** The configuration's own properties, or null if it has none yet. */
    private static Map<String, Object> properties(Configuration config) {
        Dictionary<String, Object> d = config.getProperties();
        if (d == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!NOT_FIELDS.contains(key)) {
                out.put(key, d.get(key));
            }
        }
        return out;
    }

    private void later(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Mirroring the settings into Config Admin failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("The settings mirror is stopping");
        }
    }
}
