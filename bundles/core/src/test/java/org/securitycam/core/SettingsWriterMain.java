package org.securitycam.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rewrites a settings file forever, each version whole and distinct; the kill test runs it in a child JVM. */
public final class SettingsWriterMain {
    static final int FILLER_LENGTH = 20_000;

    private SettingsWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        SettingsFile f = new SettingsFile(Path.of(args[0]));
        for (long i = 0;; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("counter", i);
            doc.put("filler", Character.toString('a' + (int) (i % 26)).repeat(FILLER_LENGTH));
            f.write(doc);
        }
    }
}
