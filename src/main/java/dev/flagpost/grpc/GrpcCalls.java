package dev.flagpost.grpc;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.grpc.GrpcCaller;
import dev.flagpost.persistence.StoreUnavailableException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs a unary call and maps failures to the status HTTP would answer with; never an unhandled exception. */
public final class GrpcCalls {
    private static final Logger LOG = Logger.getLogger(GrpcCalls.class.getName());

    private GrpcCalls() {
    }

    /** @param section checked again here: a call in a section that needs a caller runs only with one */
    public static <T> void unary(Section section, StreamObserver<T> observer, Supplier<T> work) {
        T result;
        try {
            GrpcCaller.requireFor(section);
            result = work.get();
        } catch (FliptException e) {
            observer.onError(Status.fromCodeValue(e.code().number()).withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (StoreUnavailableException e) {
            observer.onError(Status.UNAVAILABLE.withDescription("the authentication store is unavailable; try again shortly")
                    .asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unhandled error in gRPC call", e);
            observer.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }
}
