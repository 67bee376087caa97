package dev.flagpost.authn.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcAuthInterceptorTest {
    static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    @Test
    void authorizationIsFoundUnderARawCapitalisedNameAsLibertyPassesIt() {
        // What Liberty builds: raw header names as received, which no (lower-case) Metadata.Key matches.
        Metadata m = io.grpc.InternalMetadata.newMetadata("Authorization".getBytes(), "Bearer a".getBytes());
        assertEquals(null, m.get(key("authorization")));
        assertEquals(List.of("Bearer a"), GrpcAuthInterceptor.authorization(m));
    }

    @Test
    void theSameValueSentTwiceIsReportedTwiceSoThatExtractionRefusesItAsHttpDoes() {
        Metadata m = new Metadata();
        m.put(key("authorization"), "Bearer a");
        m.put(key("authorization"), "Bearer a");
        assertEquals(List.of("Bearer a", "Bearer a"), GrpcAuthInterceptor.authorization(m));
    }

    @Test
    void twoDifferentValuesAreBothReportedSoThatExtractionRefusesThem() {
        Metadata m = new Metadata();
        m.put(key("authorization"), "Bearer a");
        m.put(key("authorization"), "Bearer b");
        assertEquals(List.of("Bearer a", "Bearer b"), GrpcAuthInterceptor.authorization(m));
    }
}
