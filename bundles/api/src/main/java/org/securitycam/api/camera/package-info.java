/** The camera: recordings on request, snapshots, and what it is doing now. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.securitycam.api.camera;
