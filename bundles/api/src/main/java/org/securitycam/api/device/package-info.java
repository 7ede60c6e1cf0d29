/**
 * Facts about the device that the launcher establishes once and every bundle reads (where its logs are, the
 * maintenance commands its environment names), and what the launcher offers them (a restart in this process).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.securitycam.api.device;
