/** Facts about the device that the launcher establishes once and every bundle reads: where its logs are. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.device;
