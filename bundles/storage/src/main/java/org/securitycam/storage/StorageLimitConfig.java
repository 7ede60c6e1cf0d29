package org.securitycam.storage;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The form of the {@code StorageLimit} section, with the same defaults and ranges as its rules; the attribute ids are
 * the section's field names ({@code __} stands for {@code _}).
 */
@ObjectClassDefinition(name = "security-cam storage limit",
        description = "Deletes the oldest media (recordings with their sidecars, then timelapses, then snapshots) "
                + "when the disk of the save location is fuller than the limit, and media older than the maximum age")
@interface StorageLimitConfig {
    @AttributeDefinition(name = "Auto-delete", description = "Off: nothing is ever deleted automatically, and a "
            + "recording is refused while less than 200 MB are free")
    boolean enabled() default StorageLimit.DEFAULT_ENABLED;

    @AttributeDefinition(name = "Maximum disk use (%)", description = "Above it the oldest media is deleted until the "
            + "disk is back at or below it", min = "" + StorageLimit.MIN_PERCENT,
            max = "" + StorageLimit.HIGHEST_PERCENT)
    int max__percent() default StorageLimit.DEFAULT_PERCENT;

    @AttributeDefinition(name = "Maximum age (days)", description = "Media older than this is deleted whatever the "
            + "disk use; 0 keeps media of any age", min = "0", max = "" + StorageLimit.MOST_DAYS)
    int max__days() default StorageLimit.DEFAULT_DAYS;
}
