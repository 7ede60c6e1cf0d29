/** Event Admin topics and property names shared by all bundles. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.securitycam.api.events;
