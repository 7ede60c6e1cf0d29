/** The settings store: settings.json sections and their validators. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.settings;
