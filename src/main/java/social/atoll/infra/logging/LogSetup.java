package social.atoll.infra.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Atoll's logging, set up in code rather than by a {@code logback.xml}: reading the XML took logback's
 * configuration framework and an XML parser, some 400 classes and a tenth of a second of every start and every
 * admin command. Same result as the file it replaces: one line per event on stderr, {@code ATOLL_LOG_LEVEL}
 * (system property or environment; default INFO) for the root, the chatty libraries at WARN.
 *
 * <p>A {@code logback.configurationFile} system property or a {@code logback-test.xml} on the class path still wins:
 * logback reads it as usual.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        root.addAppender(stderr);
        for (String quiet : new String[] {"com.zaxxer.hikari", "org.flywaydb", "org.eclipse.jetty", "io.javalin", "com.github.kagkarlsson"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code ATOLL_LOG_LEVEL} as the XML's {@code ${ATOLL_LOG_LEVEL:-INFO}} read it: system property, then environment. */
    static Level rootLevel() {
        String value = System.getProperty("ATOLL_LOG_LEVEL");
        if (value == null || value.isBlank()) value = System.getenv("ATOLL_LOG_LEVEL");
        return value == null || value.isBlank() ? Level.INFO : Level.toLevel(value.trim(), Level.INFO);
    }
}
