/** The dashboard: the device's own web page, served from the files built into this bundle. */
package org.securitycam.dashboard;
