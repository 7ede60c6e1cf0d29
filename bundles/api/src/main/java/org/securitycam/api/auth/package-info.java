/** Password and token authentication of the device. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.auth;
