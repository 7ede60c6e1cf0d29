/**
 * The device's event log: what happened and when (sensor, recordings, presence, alerts, boots, refused logins),
 * written by every bundle and read back as a history.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.eventlog;
