package dev.flagpost.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The runnable jar the integration tests start: the one {@code mvn package} built, with the
 * benchmark's probe servlet ({@code bench/probe/src}, compiled with the tests) added to its WAR.
 * The gate tests use the probe as a trivial endpoint in each API section; the production WAR does
 * not carry it. Everything else in the jar is copied byte for byte.
 */
final class ProbeJar {
    static final String PROBE_CLASS = "dev/flagpost/probe/ChainProbeServlet.class";
    private static final String WAR = "wlp/usr/servers/flagpost/apps/flagpost.war";
    private static Path built;

    private ProbeJar() {
    }

    /** {@code jar} with the probe in its WAR, made once per test JVM beside the servers' folders. */
    static synchronized Path of(Path jar, Path dir) {
        if (built != null) {
            return built;
        }
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("flagpost-with-probe.jar");
            Path tmp = Files.createTempFile(dir, "flagpost-with-probe", ".jar");
            byte[] probe = probeClass();
            boolean found = false;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                 ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    zip.putNextEntry(copyOf(e));
                    if (e.getName().equals(WAR)) {
                        found = true;
                        withProbe(in, zip, probe);
                    } else {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
            if (!found) {
                throw new IllegalStateException(jar + " has no " + WAR);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            built = out;
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot add the probe servlet to " + jar, e);
        }
    }

    private static void withProbe(InputStream war, OutputStream out, byte[] probe) throws IOException {
        ZipInputStream in = new ZipInputStream(war);
        ZipOutputStream zip = new ZipOutputStream(out);
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
            zip.putNextEntry(copyOf(e));
            in.transferTo(zip);
            zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + PROBE_CLASS));
        zip.write(probe);
        zip.closeEntry();
        zip.finish(); // not close(): that would close the outer jar's stream
    }

    private static ZipEntry copyOf(ZipEntry e) {
        ZipEntry copy = new ZipEntry(e.getName()); // sizes and CRC recomputed (the WAR entry changes)
        copy.setTime(e.getTime());
        return copy;
    }

    private static byte[] probeClass() throws IOException {
        try (InputStream in = ProbeJar.class.getClassLoader().getResourceAsStream(PROBE_CLASS)) {
            if (in == null) {
                throw new IllegalStateException(PROBE_CLASS + " is not on the test classpath (bench/probe/src is a test source)");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        }
    }
}
