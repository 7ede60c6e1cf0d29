/**
 * The sensor manager's API for the device's own bundles: its status, the installed types, configuring it, and the
 * software sensor's controls. Drivers do not need it: they implement {@code org.securitycam.api.sensor}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.securitycam.api.sensor.manager;
