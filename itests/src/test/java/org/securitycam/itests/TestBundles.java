package org.securitycam.itests;

import java.io.File;
import java.nio.file.Path;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/** Bundles that a test makes with bnd from classes compiled in this module, as a third party would build them. */
final class TestBundles {
    private TestBundles() {
    }

    /**
     * A bundle of the package {@code pkg} from the test classes, with its DS components and its imports computed by
     * bnd from the classes on the test class path (the driver SPI's versions included).
     */
    static Path build(String symbolicName, String pkg, Path out) throws Exception {
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", symbolicName);
            b.setProperty("Bundle-Version", "1.0.0");
            b.setProperty("Private-Package", pkg);
            b.setProperty("-noimportjava", "true");
            b.addClasspath(location(TestBundles.class));
            b.addClasspath(location(org.securitycam.api.sensor.SensorDriver.class));
            b.addClasspath(location(org.osgi.service.component.annotations.Component.class));
            try (Jar jar = b.build()) {
                if (!b.isOk()) {
                    throw new IllegalStateException("bnd: " + b.getErrors());
                }
                jar.write(out.toFile());
            }
        }
        return out;
    }

    private static File location(Class<?> c) throws Exception {
        return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
