/**
 * Presence: whether a tracked device (the owner's phone) is near, so that a trigger while someone is home does not
 * record. {@link org.securitycam.api.presence.PresenceSource} is the extension point that each way of telling
 * (Bluetooth, the Wi-Fi access point, a third party's) implements in a bundle of its own;
 * {@link org.securitycam.api.presence.Presence} is the device's list of tracked devices, which the sources' routes
 * edit.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.presence;
