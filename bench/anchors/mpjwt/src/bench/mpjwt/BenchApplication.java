package bench.mpjwt;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The anchor's JAX-RS application: MicroProfile JWT (Liberty's mpJwt-2.1) authenticates every call. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
public class BenchApplication extends Application {
}
