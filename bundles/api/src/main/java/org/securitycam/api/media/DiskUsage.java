package org.securitycam.api.media;

/** The size and use of the filesystem that holds the save location, in bytes. */
public final class DiskUsage {
    private final long total;
    private final long free;

    private DiskUsage(long total, long free) {
        this.total = total;
        this.free = free;
    }

    /**
     * @param total the filesystem's size
     * @param free what an unprivileged writer can still use
     */
    public static DiskUsage of(long total, long free) {
        if (total < 0 || free < 0) {
            throw new IllegalArgumentException("negative size");
        }
        return new DiskUsage(total, Math.min(free, total));
    }

    public long total() {
        return total;
    }

    public long free() {
        return free;
    }

    public long used() {
        return total - free;
    }

    /** Used space as a percentage of the total, 0-100; 0 for an empty filesystem. */
    public double percent() {
        return total == 0 ? 0 : 100.0 * used() / total;
    }

    @Override
    public String toString() {
        return "DiskUsage[total=" + total + ", free=" + free + "]";
    }
}
