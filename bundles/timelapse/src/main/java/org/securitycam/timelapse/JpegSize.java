package org.securitycam.timelapse;

/** The width and height a JPEG declares in its frame header, read without decoding the image. */
record JpegSize(int width, int height) {
    /** @return null if the bytes are no JPEG with a frame header */
    static JpegSize of(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return null;
        }
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            // Start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC).
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (i + 8 >= b.length) {
                    return null;
                }
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return width > 0 && height > 0 ? new JpegSize(width, height) : null;
            }
            if (marker == 0xDA || length < 2) {
                return null; // the image data began without a frame header
            }
            i += 2 + length;
        }
        return null;
    }

    /** The size rounded down to even sides, as the video encoder needs them. */
    JpegSize even() {
        return new JpegSize(Math.max(2, width & ~1), Math.max(2, height & ~1));
    }
}
