/** What the GPIO sensor drivers share: opening a pin for a sensor session, with invert logic and a timer. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.securitycam.sensor.support;
