/** What every REST resource shares: the error shape and strict reading of JSON bodies. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.web;
