package io.herald.api.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything the application logs while it is open, at every level down to DEBUG (the root logger is lowered for
 * the duration), as the formatted text of each record with its parameters and stack trace. The test's own HTTP
 * client (RestAssured's Apache client, which wire-logs every request body at DEBUG) is not the application and is left out.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> records = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level previous;

    private LogCapture() {
        previous = root.getLevel();
        setLevel(Level.ALL);
        root.addHandler(this);
        root.setLevel(Level.ALL);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.apache.http")) {
            return;
        }
        StringBuilder text = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " " + record.getMessage());
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(parameter);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(' ').append(trace);
        }
        records.add(text.toString());
    }

    /** The records so far, one string each. */
    public synchronized List<String> records() {
        return List.copyOf(records);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previous);
    }
}
