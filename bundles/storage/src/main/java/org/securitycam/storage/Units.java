package org.securitycam.storage;

import org.securitycam.api.media.DiskUsage;

/** Sizes as the API shows them: MB and GB of 1024 × 1024 and 1024³ bytes, with two decimals; percent with one. */
final class Units {
    static final long MIB = 1024L * 1024;
    static final long GIB = 1024L * MIB;

    private Units() {
    }

    static double mb(long bytes) {
        return Math.round(bytes * 100.0 / MIB) / 100.0;
    }

    static double gb(long bytes) {
        return Math.round(bytes * 100.0 / GIB) / 100.0;
    }

    static double percent(DiskUsage usage) {
        return Math.round(usage.percent() * 10) / 10.0;
    }
}
