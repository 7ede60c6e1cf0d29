/** The camera: recordings on request, snapshots, still frames of the live feed, and what it is doing now. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.securitycam.api.camera;
