package io.tributary.protocol;

/**
 * The body of a request or response of one {@link ApiKey}.
 *
 * @since 0.1
 */
public interface ApiMessage extends Message {
    ApiKey apiKey();
}
