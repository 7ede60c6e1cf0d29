/** What every REST resource shares: the error shape, strict reading of JSON bodies, and serving files (byte ranges, cached images). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.3.0")
package org.securitycam.web;
