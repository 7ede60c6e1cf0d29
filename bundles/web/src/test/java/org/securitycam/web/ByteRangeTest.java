package org.securitycam.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {
    private static final long LENGTH = 1000;

    @ParameterizedTest(name = "{0} -> {1}-{2}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99       | 0   | 99",
            "bytes=100-       | 100 | 999",
            "bytes=-100       | 900 | 999",
            "bytes=0-0        | 0   | 0",
            "bytes=999-       | 999 | 999",
            "bytes=990-5000   | 990 | 999",                      // clamped to the end
            "bytes=-5000      | 0   | 999",                      // a suffix longer than the file is all of it
            "bytes=0-99999999999999999999999 | 0 | 999",         // larger than a long: still clamped
            "BYTES=10-19      | 10  | 19",                       // the unit is case-insensitive
            "' bytes=10-19 '  | 10  | 19",
            "'bytes=, 10-19 ,' | 10 | 19" })                    // empty list elements are allowed
    void oneRangeIsPartial(String header, long start, long end) {
        ByteRange r = ByteRange.of(header, LENGTH);
        assertEquals(ByteRange.Outcome.PARTIAL, r.outcome(), r.toString());
        assertEquals(206, r.outcome().status());
        assertEquals(start, r.start());
        assertEquals(end, r.end());
        assertEquals(end - start + 1, r.count());
        assertEquals("bytes " + start + "-" + end + "/" + LENGTH, r.contentRange());
    }

    @ParameterizedTest
    @ValueSource(strings = { "bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=99999999999999999999999-" })
    void aRangePastTheEndIsUnsatisfiable(String header) {
        ByteRange r = ByteRange.of(header, LENGTH);
        assertEquals(ByteRange.Outcome.UNSATISFIABLE, r.outcome(), r.toString());
        assertEquals(416, r.outcome().status());
        assertEquals("bytes */1000", r.contentRange());
    }

    @ParameterizedTest
    @ValueSource(strings = { "bytes=abc", "bytes=", "bytes=-", "bytes=5", "bytes=a-b", "bytes=1-2-3", "bytes=20-10",
            "bytes=0-1,5-6", "bytes=0-99, 200-299", "items=0-99", "bytes 0-99", "bytes=0x10-20", "bytes=+1-2",
            "bytes=1.5-2", "bytes=\u0661-\u0662", "" })
    void aMalformedOrMultiRangeHeaderIsIgnored(String header) {
        ByteRange r = ByteRange.of(header, LENGTH);
        assertEquals(ByteRange.Outcome.WHOLE, r.outcome(), header);
        assertEquals(200, r.outcome().status());
        assertEquals(0, r.start());
        assertEquals(LENGTH, r.count());
        assertNull(r.contentRange());
    }

    @Test
    void noHeaderIsTheWholeFile() {
        ByteRange r = ByteRange.of(null, LENGTH);
        assertEquals(ByteRange.Outcome.WHOLE, r.outcome());
        assertEquals(LENGTH, r.count());
    }

    @Test
    void anEmptyFileHasNoSatisfiableRange() {
        assertEquals(ByteRange.Outcome.UNSATISFIABLE, ByteRange.of("bytes=0-", 0).outcome());
        assertEquals(ByteRange.Outcome.UNSATISFIABLE, ByteRange.of("bytes=-10", 0).outcome());
        assertEquals("bytes */0", ByteRange.of("bytes=-10", 0).contentRange());
        ByteRange whole = ByteRange.of(null, 0);
        assertEquals(ByteRange.Outcome.WHOLE, whole.outcome());
        assertEquals(0, whole.count());
    }
}
