package org.securitycam.core;

import java.util.Collection;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the install and update events of bundles without {@code META-INF/services} away from the bundle listener of
 * osgi-resource-locator (the service loader that Jersey needs), so that updating a driver logs no framework error.
 *
 * <p>That listener is asynchronous: it gets an UPDATED event some time after the update, on the framework's event
 * thread, and then reads the bundle's {@code META-INF/services} with {@link Bundle#getEntry}. Felix, meanwhile,
 * refreshes the updated bundle on the updating thread (at once, since no other bundle wires to a driver): it
 * closes the content of every revision of the bundle, the current one included, purges the old revisions from the
 * cache on disk, and only then gives the current revision its content back. An entry read that falls in between
 * finds no content and throws a NullPointerException inside the listener, which Felix reports as a FrameworkEvent
 * ERROR of the locator's bundle: about every other driver update did so. The listener only records which bundles
 * declare {@code META-INF/services}, and for a bundle that declares none, in no revision, an install or an update
 * changes nothing in what it records. So this hook decides for it on the thread that fires the event, before the
 * refresh, and the locator never reads a bundle that is being refreshed for no purpose. Bundles that do declare
 * services still reach it as before.
 */
@Component(service = EventHook.class)
public class ResourceLocatorGuard implements EventHook {
    static final String LOCATOR = "org.glassfish.hk2.osgi-resource-locator";
    private static final String SERVICES = "META-INF/services";

    @Override
    public void event(BundleEvent event, Collection<BundleContext> contexts) {
        int type = event.getType();
        if ((type == BundleEvent.INSTALLED || type == BundleEvent.UPDATED) && declaresNoServices(event.getBundle())) {
            contexts.removeIf(ResourceLocatorGuard::isLocator);
        }
    }

    /** True only if the bundle's current revision and every older one still installed declare no services. */
    static boolean declaresNoServices(Bundle bundle) {
        try {
            if (bundle.getEntry(SERVICES) != null) {
                return false;
            }
            BundleRevisions revisions = bundle.adapt(BundleRevisions.class);
            List<BundleRevision> all = revisions == null ? List.of() : revisions.getRevisions();
            for (BundleRevision r : all.subList(Math.min(1, all.size()), all.size())) {
                BundleWiring wiring = r.getWiring();
                // An older revision that never resolved cannot be read here: let the locator see the event.
                if (wiring == null || !wiring.findEntries(SERVICES, "*", 0).isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false; // uninstalled meanwhile: the locator handles that as it always did
        }
    }

    private static boolean isLocator(BundleContext context) {
        try {
            return LOCATOR.equals(context.getBundle().getSymbolicName());
        } catch (IllegalStateException stopped) {
            return false;
        }
    }
}
