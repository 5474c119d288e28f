package io.tributary.connect.runtime;

import java.util.Locale;

/** Whether a connector reads into Kafka or writes out of it; named in lower case in the REST API. */
public enum ConnectorType {
    SOURCE, SINK, UNKNOWN;

    /** The REST API's name: {@code source}, {@code sink}, {@code unknown}. */
    public String restName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
