package org.securitycam.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Fake {@code bluetoothctl}, {@code hcitool} and {@code iw} in a folder that goes first on the device's PATH. Each
 * is a shell script that answers as files in a control folder say, and appends its arguments to a call log:
 * <ul>
 * <li>{@code bt-adapter}: {@code missing} and bluetoothctl lists no controller;</li>
 * <li>{@code bt/<ADDR>}: how {@code hcitool name} answers: {@code present}, {@code absent} (the default),
 * {@code slow} (hangs past any timeout), {@code garbage}, {@code fail} (exits non-zero);</li>
 * <li>{@code bt-devices}: what {@code bluetoothctl devices} lists after a scan;</li>
 * <li>{@code bt-pair}: {@code fail} and {@code bluetoothctl pair} is refused;</li>
 * <li>{@code bt-pair-after} and {@code bt-pair-device}: while discoverable, the device "ADDR Name" asks to pair
 * after that many seconds ({@code never} by default), and pairs once the agent says yes;</li>
 * <li>{@code wifi}: {@code missing} (no such interface), {@code garbage}, {@code fail} or {@code slow};
 * {@code stations}: the addresses iw lists as stations.</li>
 * </ul>
 */
final class FakeTools {
    final Path bin;
    final Path control;

    private FakeTools(Path bin, Path control) {
        this.bin = bin;
        this.control = control;
    }

    static FakeTools in(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("fakebin"));
        Path control = Files.createDirectories(dir.resolve("control"));
        Files.createDirectories(control.resolve("bt"));
        FakeTools t = new FakeTools(bin, control);
        t.script("bluetoothctl", """
                echo "bluetoothctl $*" >> "$C/calls.log"
                timeout=""
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --timeout) timeout=$2; shift 2;;
                    --agent) shift 2;;
                    *) break;;
                  esac
                done
                adapter() { [ "$(cat "$C/bt-adapter" 2>/dev/null)" != missing ]; }
                case "$1" in
                  list) adapter && echo "Controller 00:1A:7D:DA:71:13 fakebt [default]"; exit 0;;
                  devices) cat "$C/bt-devices" 2>/dev/null; exit 0;;
                  scan) adapter || { echo "No default controller available"; exit 1; }
                        printf '\\033[0;92m[NEW]\\033[0m Discovery started\\n'; sleep "${timeout:-5}"; exit 0;;
                  pair) if [ "$(cat "$C/bt-pair" 2>/dev/null)" = fail ]; then
                          echo "Attempting to pair with $2"; echo "Failed to pair: org.bluez.Error.AuthenticationFailed"; exit 1
                        fi
                        echo "Attempting to pair with $2"; echo "[CHG] Device $2 Paired: yes"; echo "Pairing successful"; exit 0;;
                  trust) echo "Changed $2 trust succeeded"; exit 0;;
                  remove) echo "Device has been removed"; exit 0;;
                  info) dev=$(cat "$C/bt-pair-device" 2>/dev/null); echo "Device $2 (public)"
                        [ "${dev%% *}" = "$2" ] && printf '\\tName: %s\\n' "${dev#* }"; exit 0;;
                  discoverable)
                    if [ "$2" = on ] && [ -n "$timeout" ]; then
                      echo "Changing discoverable on succeeded"
                      after=$(cat "$C/bt-pair-after" 2>/dev/null || echo never)
                      if [ "$after" = never ]; then sleep "$timeout"; exit 0; fi
                      sleep "$after"
                      dev=$(cat "$C/bt-pair-device"); addr=${dev%% *}; name=${dev#* }
                      echo "[NEW] Device $addr $name"
                      printf '[agent] Accept pairing (yes/no): '
                      read answer
                      [ "$answer" = yes ] || exit 1
                      echo "[CHG] Device $addr Paired: yes"
                      sleep "$timeout"; exit 0
                    fi
                    echo "Changing discoverable $2 succeeded"; exit 0;;
                  *) echo "Changing $1 $2 succeeded"; exit 0;;
                esac
                """);
        t.script("hcitool", """
                echo "hcitool $*" >> "$C/calls.log"
                [ "$1" = name ] || exit 1
                case "$(cat "$C/bt/$2" 2>/dev/null || echo absent)" in
                  present) echo "Phone of $2";;
                  slow) sleep 30;;
                  garbage) printf '\\001\\002zz\\n\\n%%%%\\n';;
                  fail) echo "Device is not available."; exit 1;;
                esac
                exit 0
                """);
        t.script("iw", """
                echo "iw $*" >> "$C/calls.log"
                case "$(cat "$C/wifi" 2>/dev/null)" in
                  missing) echo "command failed: No such device (-19)"; exit 237;;
                  garbage) echo '#&*!'; exit 0;;
                  fail) echo boom; exit 1;;
                  slow) sleep 30;;
                esac
                for s in $(cat "$C/stations" 2>/dev/null); do
                  echo "Station $s (on $2)"
                  printf '\\tinactive time:\\t10 ms\\n'
                done
                exit 0
                """);
        return t;
    }

    private void script(String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\nC='" + control + "'\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The device's environment: these fakes first on the PATH. */
    Map<String, String> environment() {
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    void set(String file, String content) throws IOException {
        Path f = control.resolve(file);
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    void phone(String address, String mode) throws IOException {
        set("bt/" + address, mode);
    }

    void stations(String... addresses) throws IOException {
        set("stations", String.join("\n", addresses) + "\n");
    }

    /** Every call so far, one line each: the tool and its arguments. */
    List<String> calls() throws IOException {
        Path log = control.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    long calls(String line) throws IOException {
        return calls().stream().filter(line::equals).count();
    }

    /** FileInstall configurations for the presence bundles, written before the device starts. */
    static void configure(Path home, String pid, String properties) throws IOException {
        Files.createDirectories(home.resolve("deploy"));
        Files.writeString(home.resolve("deploy").resolve(pid + ".cfg"), properties);
    }
}
