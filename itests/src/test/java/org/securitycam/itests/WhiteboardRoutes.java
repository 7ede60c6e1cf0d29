package org.securitycam.itests;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.ServiceReference;

/**
 * What a running device serves, as its whiteboard runtimes describe it through their DTOs (read reflectively, since
 * the test does not share the framework's classes): every REST route as {@code "METHOD /path"}, with path templates
 * as the resource classes write them, and the servlet patterns beside the REST application.
 */
final class WhiteboardRoutes {
    private WhiteboardRoutes() {
    }

    /** What the Jakarta REST whiteboard says it serves, read through its runtime service's DTOs. */
    static Set<String> rest(EmbeddedDevice d) throws Exception {
        Set<String> routes = new TreeSet<>();
        ServiceReference<?> ref = d.context().getServiceReference("org.osgi.service.jakartars.runtime.JakartarsServiceRuntime");
        Object runtime = d.context().getService(ref);
        Object dto = call(runtime, "getRuntimeDTO");
        List<Object> apps = new ArrayList<>();
        apps.add(field(dto, "defaultApplication"));
        apps.addAll(array(field(dto, "applicationDTOs")));
        for (Object app : apps) {
            if (app == null) {
                continue;
            }
            String base = String.valueOf(field(app, "base")).replaceAll("/+$", "");
            for (Object resource : array(field(app, "resourceDTOs"))) {
                for (Object m : array(field(resource, "resourceMethods"))) {
                    String path = String.valueOf(field(m, "path"));
                    routes.add(field(m, "method") + " " + base + (path.startsWith("/") ? path : "/" + path));
                }
            }
        }
        return routes;
    }

    /** What the servlet whiteboard serves besides the REST application, the Web Console among it. */
    static Set<String> servletPatterns(EmbeddedDevice d) throws Exception {
        Set<String> patterns = new TreeSet<>();
        ServiceReference<?> ref = d.context().getServiceReference("org.osgi.service.servlet.runtime.HttpServiceRuntime");
        Object dto = call(d.context().getService(ref), "getRuntimeDTO");
        for (Object context : array(field(dto, "servletContextDTOs"))) {
            for (Object servlet : array(field(context, "servletDTOs"))) {
                for (Object p : array(field(servlet, "patterns"))) {
                    patterns.add(String.valueOf(p));
                }
            }
        }
        patterns.remove("/*");
        return patterns;
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static Object field(Object target, String name) throws Exception {
        return target.getClass().getField(name).get(target);
    }

    private static List<Object> array(Object array) {
        List<Object> list = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < Array.getLength(array); i++) {
                list.add(Array.get(array, i));
            }
        }
        return list;
    }
}
