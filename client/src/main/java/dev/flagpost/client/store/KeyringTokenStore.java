package dev.flagpost.client.store;

import com.nimbusds.oauth2.sdk.ParseException;
import dev.flagpost.client.auth.Credentials;

import java.util.Objects;
import java.util.Optional;

/**
 * Credentials in the OS keyring, one entry per endpoint. Windows caps an entry at ~1,280 chars and
 * JWTs are often longer, so values above {@link #CHUNK_SIZE} are split over numbered entries with
 * the main entry holding {@code chunks:N}.
 */
public final class KeyringTokenStore implements TokenStore {
    static final String SERVICE = "flagpost";
    static final int CHUNK_SIZE = 1000;
    private static final String CHUNK_HEADER = "chunks:";

    private final SecretBackend backend;

    public KeyringTokenStore(SecretBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public Optional<Credentials> load(String endpointKey) {
        try {
            String head = backend.get(SERVICE, endpointKey);
            if (head == null) {
                return Optional.empty();
            }
            String json = head;
            if (head.startsWith(CHUNK_HEADER)) {
                int n = Integer.parseInt(head.substring(CHUNK_HEADER.length()));
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    String part = backend.get(SERVICE, chunkAccount(endpointKey, i));
                    if (part == null) {
                        throw new IllegalStateException("keyring entry for " + endpointKey + " is missing chunk " + i);
                    }
                    b.append(part);
                }
                json = b.toString();
            }
            return Optional.ofNullable(CredentialsJson.read(endpointKey, json));
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable keyring entry for " + endpointKey, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("keyring read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String endpointKey, Credentials credentials) {
        String json = CredentialsJson.write(endpointKey, credentials);
        try {
            int previousChunks = chunkCount(endpointKey);
            int chunks = 0;
            if (json.length() <= CHUNK_SIZE) {
                backend.set(SERVICE, endpointKey, json);
            } else {
                for (int start = 0; start < json.length(); start += CHUNK_SIZE, chunks++) {
                    backend.set(SERVICE, chunkAccount(endpointKey, chunks),
                            json.substring(start, Math.min(json.length(), start + CHUNK_SIZE)));
                }
                // The header goes last, so a reader never sees a header pointing at unwritten chunks.
                backend.set(SERVICE, endpointKey, CHUNK_HEADER + chunks);
            }
            for (int i = chunks; i < previousChunks; i++) {
                backend.delete(SERVICE, chunkAccount(endpointKey, i));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("keyring write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String endpointKey) {
        try {
            int chunks = chunkCount(endpointKey);
            backend.delete(SERVICE, endpointKey);
            for (int i = 0; i < chunks; i++) {
                backend.delete(SERVICE, chunkAccount(endpointKey, i));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("keyring delete failed: " + e.getMessage(), e);
        }
    }

    private int chunkCount(String endpointKey) throws Exception {
        String head;
        try {
            head = backend.get(SERVICE, endpointKey);
        } catch (Exception e) {
            return 0; // java-keyring throws for a missing entry on some platforms
        }
        return head != null && head.startsWith(CHUNK_HEADER) ? Integer.parseInt(head.substring(CHUNK_HEADER.length())) : 0;
    }

    static String chunkAccount(String endpointKey, int i) {
        return endpointKey + "#" + i;
    }

    @Override
    public String kind() {
        return "keyring";
    }
}
