package io.tributary.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The CLI's logging, set up in code (found by logback through {@code META-INF/services}) rather than from a
 * {@code logback.xml}, whose parsing would cost the CLI's every start about a quarter of a second: everything goes
 * to stderr, so that stdout carries only results, at WARN, or at the level of the system property
 * {@code tributary.log.level} ({@code --verbose} sets INFO). With {@code -Dlogback.configurationFile=...} logback
 * reads that file instead.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
    /** The system property with the root level. */
    public static final String LEVEL_PROPERTY = "tributary.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        OneLineLayout layout = new OneLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.WARN));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code 12:00:00.000 WARN  [thread] logger - message}, then the stack trace if there is one. */
    private static final class OneLineLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128)
                .append(LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault()))
                .append(' ')
                .append(String.format("%-5s", event.getLevel()))
                .append(" [").append(event.getThreadName()).append("] ")
                .append(event.getLoggerName())
                .append(" - ")
                .append(event.getFormattedMessage())
                .append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                line.append(ThrowableProxyUtil.asString(error)).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }
}
