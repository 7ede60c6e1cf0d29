/** What a feature tells the device's HTTP front about the requests it serves. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.web;
