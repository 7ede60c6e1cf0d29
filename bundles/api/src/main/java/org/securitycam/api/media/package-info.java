/**
 * The media store: the one place that knows the media folders (recordings, snapshots, timelapses), lists and
 * counts their files, confines client paths to them, deletes files with their sidecars and reports disk usage.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.securitycam.api.media;
