package social.atoll.api;

import io.javalin.config.RoutesConfig;

/** One HTTP resource: registers its routes. Controllers are built by the wiring and registered in {@link ApiServer}. */
public interface Controller {
    void routes(RoutesConfig routes);
}
