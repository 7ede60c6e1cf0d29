/**
 * The sensor driver SPI that third parties implement: a {@link org.securitycam.api.sensor.SensorDriver} service,
 * its sessions, what it reports through, and the metadata and configuration types it exchanges with the device.
 * The value types are final classes with builders, so that a field added to one is a minor change and a driver
 * built against an earlier 2.x keeps working. The sensor manager's own API is
 * {@code org.securitycam.api.sensor.manager}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.securitycam.api.sensor;
