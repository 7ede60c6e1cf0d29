/** Digital GPIO input: the one service through which drivers reach pins. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.gpio;
