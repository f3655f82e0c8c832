package social.atoll.server;

import io.javalin.config.RoutesConfig;

/** One HTTP resource: registers its routes. Controllers are built by the wiring and registered in {@link HttpServer}. */
public interface Controller {
    void routes(RoutesConfig routes);

    /**
     * Registration order; lower first. Javalin uses the first route that matches, so a controller with a path
     * parameter where other controllers have fixed names ({@code /api/v1/accounts/{id}} against
     * {@code /api/v1/accounts/search}) returns a positive number to be registered after them.
     */
    default int order() { return 0; }
}
