package io.tributary.connect.internal.isolation;

import io.tributary.connect.errors.ConnectException;

/** No installed plugin has the class name or alias asked for; the message names it and what is installed. */
public class PluginNotFoundException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public PluginNotFoundException(String message) {
        super(message);
    }
}
