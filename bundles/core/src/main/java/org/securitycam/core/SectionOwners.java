package org.securitycam.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.securitycam.api.settings.SectionOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which bundle rules which settings section. The first owner to claim a section keeps it; a later claim is refused
 * with an ERROR naming both bundles, and takes over only if the first one leaves. Not thread-safe: the store
 * calls it under its own lock.
 */
final class SectionOwners {
    private static final Logger LOG = LoggerFactory.getLogger(SectionOwners.class);

    /** One registered owner: who it is, what it claims, and how to get and give back its service. */
    static final class Claim {
        final Object key;
        final String bundle;
        final List<String> sections;
        /** Its secret fields, as {@code Section.field}; only those in its own sections count. */
        final List<String> secrets;
        private final Supplier<SectionOwner> get;
        private final Runnable unget;
        private SectionOwner service;

        Claim(Object key, String bundle, List<String> sections, List<String> secrets, Supplier<SectionOwner> get,
                Runnable unget) {
            this.key = key;
            this.bundle = bundle;
            this.sections = List.copyOf(sections);
            this.secrets = secrets.stream().filter(f -> this.sections.contains(f.substring(0, Math.max(0,
                    f.indexOf('.'))))).toList();
            this.get = get;
            this.unget = unget;
        }

        /** Got on first use rather than at registration, when the owner may still be activating. */
        SectionOwner service() {
            if (service == null) {
                service = get.get();
                if (service == null) {
                    throw new IllegalStateException("The owner of " + sections + " in " + bundle + " is not available");
                }
            }
            return service;
        }

        void release() {
            if (service != null) {
                service = null;
                unget.run();
            }
        }
    }

    private final List<Claim> claims = new ArrayList<>();

    /** The section names of a {@link SectionOwner#SECTIONS} property: a string or an array of strings. */
    static List<String> names(Object property) {
        List<String> out = new ArrayList<>();
        if (property instanceof String s) {
            out.add(s);
        } else if (property instanceof String[] a) {
            out.addAll(List.of(a));
        }
        return out;
    }

    void add(Claim claim) {
        if (claim.sections.isEmpty()) {
            LOG.error("A settings section owner in {} names no section ({} property); ignored", claim.bundle,
                    SectionOwner.SECTIONS);
        }
        for (String section : claim.sections) {
            Claim first = owner(section);
            if (first != null) {
                LOG.error("Settings section {} is owned by {}; refused a second owner in {}", section, first.bundle,
                        claim.bundle);
            }
        }
        claims.add(claim);
    }

    void remove(Object key) {
        claims.removeIf(c -> {
            if (c.key.equals(key)) {
                c.release();
                for (String section : c.sections) {
                    Claim next = claims.stream().filter(o -> o != c && o.sections.contains(section)).findFirst()
                            .orElse(null);
                    if (next != null && owner(section) == c) {
                        LOG.info("Settings section {} now owned by {}", section, next.bundle);
                    }
                }
                return true;
            }
            return false;
        });
    }

    void clear() {
        claims.forEach(Claim::release);
        claims.clear();
    }

    /** The owned sections, in the order their owners arrived. */
    Set<String> sections() {
        Set<String> out = new LinkedHashSet<>();
        claims.forEach(c -> out.addAll(c.sections));
        return out;
    }

    /** The secret fields of the sections' current owners. */
    Set<String> secrets() {
        Set<String> out = new LinkedHashSet<>();
        claims.forEach(c -> c.secrets.stream().filter(f -> owner(f.substring(0, f.indexOf('.'))) == c)
                .forEach(out::add));
        return out;
    }

    /** The owner's defaults of a section, or null if nobody owns it. */
    Object defaults(String section) {
        Claim c = owner(section);
        return c == null ? null : c.service().defaults(section);
    }

    /** The value to store: the owner's verdict, or the proposal as given if nobody owns the section. */
    Object validate(String section, Object proposed) {
        Claim c = owner(section);
        return c == null ? proposed : c.service().validate(section, proposed);
    }

    private Claim owner(String section) {
        for (Claim c : claims) {
            if (c.sections.contains(section)) {
                return c;
            }
        }
        return null;
    }
}
