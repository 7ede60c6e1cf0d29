/** The settings store: settings.json sections, each ruled by the bundle of its feature. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.2.0")
package org.securitycam.api.settings;
