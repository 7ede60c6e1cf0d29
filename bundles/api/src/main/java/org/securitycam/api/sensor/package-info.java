/** The sensor driver SPI that third parties implement, the sensor type metadata and the sensor manager. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.sensor;
