package io.drbd4j.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: how a typical Java user parses {@code /proc/drbd} by hand. A BufferedReader over the bytes, one
 * precompiled regex per kind of line, {@code String.split} for the counters, one plain object per device. It reads
 * the same facts as drbd-core's model: version and build line, the state line, the counters, the progress and the
 * finish lines.
 */
public final class RegexProcDrbd {
    static final Pattern VERSION = Pattern.compile("^version: (\\S+) \\(api:(\\d+)/proto:(\\d+)(?:-(\\d+))?\\)");
    static final Pattern BUILD = Pattern.compile("^(?:GIT-hash|srcversion): (.*)$");
    static final Pattern DEVICE =
            Pattern.compile("^\\s*(\\d+): cs:(\\w+)(?: ro:(\\w+)/(\\w+) ds:(\\w+)/(\\w+) ([ABC])?\\s*(\\S+))?");
    static final Pattern PROGRESS = Pattern.compile("(sync'ed|verified):\\s*([\\d.]+)% \\((\\d+)/(\\d+)\\)([KM])");
    static final Pattern FINISH = Pattern.compile(
            "finish: (\\d+):(\\d+):(\\d+) speed: ([\\d,]+) \\(([\\d,]+)(?: -- ([\\d,]+))?\\)(?: want: ([\\d,]+))? K/sec");

    /** One device, as a user would model it. */
    public static final class Device {
        public int minor;
        public String cs;
        public String role;
        public String peerRole;
        public String disk;
        public String peerDisk;
        public String protocol;
        public String flags;
        public Map<String, Long> counters;
        public String wo;
        public String syncKind;
        public double percent;
        public long leftKiB;
        public long totalKiB;
        public long finishSeconds;
        public long speedKiBps;
        public long averageKiBps;
        public long recentKiBps;
        public long wantKiBps;
    }

    public String release;
    public int api;
    public int protoMin;
    public int protoMax;
    public String build;
    public final List<Device> devices = new ArrayList<>();

    private RegexProcDrbd() {}

    public static List<Device> parse(byte[] buf) throws IOException {
        return parseAll(buf).devices;
    }

    public static RegexProcDrbd parseAll(byte[] buf) throws IOException {
        RegexProcDrbd result = new RegexProcDrbd();
        Device current = null;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(new ByteArrayInputStream(buf), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = DEVICE.matcher(line);
                if (m.find()) {
                    current = new Device();
                    current.minor = Integer.parseInt(m.group(1));
                    current.cs = m.group(2);
                    if (m.group(3) != null) {
                        current.role = m.group(3);
                        current.peerRole = m.group(4);
                        current.disk = m.group(5);
                        current.peerDisk = m.group(6);
                        current.protocol = m.group(7);
                        current.flags = m.group(8);
                    }
                    result.devices.add(current);
                    continue;
                }
                String trimmed = line.trim();
                if (current != null && trimmed.startsWith("ns:")) {
                    current.counters = new HashMap<>();
                    for (String field : trimmed.split(" ")) {
                        String[] kv = field.split(":");
                        if (kv[0].equals("wo")) {
                            current.wo = kv[1];
                        } else {
                            current.counters.put(kv[0], Long.parseLong(kv[1]));
                        }
                    }
                    continue;
                }
                if (current != null && (m = PROGRESS.matcher(line)).find()) {
                    long scale = m.group(5).equals("M") ? 1024 : 1;
                    current.syncKind = m.group(1);
                    current.percent = Double.parseDouble(m.group(2));
                    current.leftKiB = Long.parseLong(m.group(3)) * scale;
                    current.totalKiB = Long.parseLong(m.group(4)) * scale;
                    continue;
                }
                if (current != null && (m = FINISH.matcher(line)).find()) {
                    current.finishSeconds = Long.parseLong(m.group(1)) * 3600
                            + Long.parseLong(m.group(2)) * 60
                            + Long.parseLong(m.group(3));
                    current.speedKiBps = number(m.group(4));
                    current.averageKiBps = number(m.group(5));
                    if (m.group(6) != null) {
                        current.recentKiBps = number(m.group(6));
                    }
                    if (m.group(7) != null) {
                        current.wantKiBps = number(m.group(7));
                    }
                    continue;
                }
                if ((m = VERSION.matcher(line)).find()) {
                    result.release = m.group(1);
                    result.api = Integer.parseInt(m.group(2));
                    result.protoMin = Integer.parseInt(m.group(3));
                    result.protoMax = m.group(4) == null ? result.protoMin : Integer.parseInt(m.group(4));
                    continue;
                }
                if ((m = BUILD.matcher(line)).find()) {
                    result.build = m.group(1);
                }
            }
        }
        return result;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
