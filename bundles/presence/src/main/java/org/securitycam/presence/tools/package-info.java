/** What the device's presence sources share: running BlueZ's and iw's command-line tools safely. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.presence.tools;
