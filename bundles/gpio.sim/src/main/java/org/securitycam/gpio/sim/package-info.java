/** The simulated board's controls: set pin levels as a wire would. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.gpio.sim;
