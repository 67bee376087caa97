package dev.flagpost.client.store;

import com.nimbusds.oauth2.sdk.ParseException;
import dev.flagpost.client.auth.Credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON file per server endpoint in a 0700 directory, each file 0600. Writes go to a temp file
 * (created 0600, so the token is never world-readable even briefly) then an atomic rename, so a
 * crash never leaves a half-written file.
 */
public final class FileTokenStore implements TokenStore {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final boolean posix;

    public FileTokenStore(Path dir) {
        this.dir = dir;
        this.posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** File name: a hash of the endpoint, so URLs never become paths. */
    Path fileFor(String endpointKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(endpointKey.getBytes(StandardCharsets.UTF_8));
            return dir.resolve("tokens-" + HexFormat.of().formatHex(h, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Credentials> load(String endpointKey) {
        try {
            String json = Files.readString(fileFor(endpointKey), StandardCharsets.UTF_8);
            return Optional.ofNullable(CredentialsJson.read(endpointKey, json));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalStateException("unreadable token file " + fileFor(endpointKey), e);
        }
    }

    @Override
    public void save(String endpointKey, Credentials credentials) {
        try {
            ensureDir();
            Path tmp = posix
                    ? Files.createTempFile(dir, ".tokens-", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(dir, ".tokens-", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(ByteBuffer.wrap(CredentialsJson.write(endpointKey, credentials).getBytes(StandardCharsets.UTF_8)));
                    ch.force(true); // the bytes are on disk before the rename makes them visible
                }
                move(tmp, fileFor(endpointKey));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void ensureDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(DIR_MODE)} : new FileAttribute<?>[0];
        try {
            Files.createDirectories(dir, attrs);
        } catch (FileAlreadyExistsException e) {
            // raced with another process: fine
        }
    }

    @Override
    public void delete(String endpointKey) {
        try {
            Files.deleteIfExists(fileFor(endpointKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the directory exists or can be created and written. */
    public boolean usable() {
        try {
            ensureDir();
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public String kind() {
        return "file";
    }
}
