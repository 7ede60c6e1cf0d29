package org.securitycam.gpio.pi4j;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.securitycam.api.gpio.GpioService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

/**
 * Offers the {@link GpioService} of a real board, when the host has one. It looks for a GPIO character device
 * first: without one it offers nothing and says so in one log line, and the device runs on without GPIO.
 */
@Component(immediate = true, configurationPid = "securitycam.gpio.pi4j",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Pi4jGpio.Config.class)
public class Pi4jGpio {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jGpio.class);

    @ObjectClassDefinition(name = "security-cam GPIO (pi4j)",
            description = "The Raspberry Pi's GPIO through pi4j: the kernel character device (gpiod), or linuxfs")
    @interface Config {
        @AttributeDefinition(name = "Device folder", description = "Where the gpiochip devices are")
        String device_dir() default "/dev";

        @AttributeDefinition(name = "Provider", description = "Which pi4j provider reads the pins", options = {
                @Option(value = "auto", label = "gpiod, else linuxfs"),
                @Option(value = "gpiod-digital-input", label = "gpiod (character device)"),
                @Option(value = "linuxfs-digital-input", label = "linuxfs (/sys/class/gpio)") })
        String provider() default "auto";
    }

    private Context pi4j;
    private Pi4jBoard board;
    private ServiceRegistration<GpioService> registration;

    @Activate
    public Pi4jGpio(BundleContext context, Config config) {
        if (!hasGpioChip(Path.of(config.device_dir()))) {
            LOG.info("No GPIO chip under {}: the GPIO service is not offered on this host", config.device_dir());
            return;
        }
        // pi4j finds its plugins with ServiceLoader through the context class loader: make it this bundle's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Pi4jGpio.class.getClassLoader());
        try {
            pi4j = Pi4J.newContextBuilder().autoDetect().build();
            String provider = chooseProvider(pi4j, config.provider());
            board = new Pi4jBoard(pi4j, provider);
            registration = context.registerService(GpioService.class, board, null);
            LOG.info("GPIO ready through pi4j provider {}", provider);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("GPIO chip found but pi4j could not use it: {}", e.toString());
            close();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Deactivate
    void close() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (board != null) {
            board.close();
        }
        if (pi4j != null) {
            try {
                pi4j.shutdown();
            } catch (Exception e) {
                LOG.warn("pi4j shutdown failed: {}", e.toString());
            }
        }
    }

    static String chooseProvider(Context pi4j, String wanted) {
        Map<String, ?> available = pi4j.providers().all();
        if (!"auto".equals(wanted)) {
            if (!available.containsKey(wanted)) {
                throw new IllegalStateException("pi4j provider " + wanted + " is not available");
            }
            return wanted;
        }
        for (String id : new String[] { "gpiod-digital-input", "linuxfs-digital-input" }) {
            if (available.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no pi4j digital input provider (gpiod or linuxfs) could be loaded");
    }

    static boolean hasGpioChip(Path deviceDir) {
        try (DirectoryStream<Path> chips = Files.newDirectoryStream(deviceDir, "gpiochip*")) {
            return chips.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
