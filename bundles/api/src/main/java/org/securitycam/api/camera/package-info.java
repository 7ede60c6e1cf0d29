/** Recording control: what the sensor manager asks of a camera. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.camera;
