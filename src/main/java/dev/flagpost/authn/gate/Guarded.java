package dev.flagpost.authn.gate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a resource class serves, for the second layer: {@code GuardedResourceFilter} checks that a
 * caller is there when the section needs one and that a namespace-scoped caller stays in its
 * namespace — from the resource that actually matched, not from the gate's route table. A resource
 * without this annotation needs a caller on every request.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Guarded {
    Section value();

    /** The path parameter that names the namespace; a scoped caller must match it. */
    String namespaceParam() default "";

    /** The request body names the namespace and the resource checks it (evaluation). */
    boolean namespaceInRequest() default false;
}
