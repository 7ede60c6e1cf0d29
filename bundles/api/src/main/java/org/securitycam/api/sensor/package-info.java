/**
 * The sensor driver SPI that third parties implement: a {@link org.securitycam.api.sensor.SensorDriver} service,
 * its sessions, what it reports through, and the metadata and configuration types it exchanges with the device.
 * The value types are final classes with builders, so that a field added to one is a minor change and a driver
 * built against an earlier 2.x keeps working. The sensor manager's own API is
 * {@code org.securitycam.api.sensor.manager}.
 *
 * <p>A driver is a bundle that depends on nothing of the device but this artifact
 * ({@code org.securitycam:securitycam.api}, imported as {@code [2,3)}) and registers one
 * {@link org.securitycam.api.sensor.SensorDriver} component; the interface's Javadoc has the whole contract: the
 * threads and time limits, the GPIO reference, what happens when a driver goes away, listener calls and
 * {@code close}, calibration ({@code debounce_ms}, steps), {@code invert_logic}, and installing through
 * {@code deploy/}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.securitycam.api.sensor;
