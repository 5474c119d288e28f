package io.tributary.client.internal;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.UnsupportedVersionException;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ApiVersionsResponse;
import java.util.EnumMap;
import java.util.Map;

/**
 * The version to speak per API with one broker: the highest version both sides support, learned from the broker's
 * ApiVersions answer. A few APIs are capped below what the codec knows where the newer version changes how the
 * client must behave (Produce v13 and Fetch v13 address topics by id only). Immutable.
 */
public final class ApiVersionsTable {
    private static final Map<ApiKey, Short> CLIENT_CAPS = new EnumMap<>(Map.of(
        ApiKey.PRODUCE, (short) 12,
        ApiKey.FETCH, (short) 12));

    private final Map<ApiKey, Short> chosen;
    private final Map<ApiKey, VersionRange> brokerRanges;

    private ApiVersionsTable(Map<ApiKey, Short> chosen, Map<ApiKey, VersionRange> brokerRanges) {
        this.chosen = chosen;
        this.brokerRanges = brokerRanges;
    }

    /** Chooses versions from a broker's ApiVersions response. */
    public static ApiVersionsTable from(ApiVersionsResponse response) {
        Map<ApiKey, Short> chosen = new EnumMap<>(ApiKey.class);
        Map<ApiKey, VersionRange> ranges = new EnumMap<>(ApiKey.class);
        for (ApiVersionsResponse.ApiVersion v : response.apiKeys()) {
            ApiKey key = ApiKey.forId(v.apiKey());
            if (key == null) {
                continue;
            }
            ranges.put(key, VersionRange.of(v.minVersion(), v.maxVersion()));
            short cap = CLIENT_CAPS.getOrDefault(key, Short.MAX_VALUE);
            short clientMax = (short) Math.min(key.versions().highest(), cap);
            short version = (short) Math.min(clientMax, v.maxVersion());
            if (version >= v.minVersion() && version >= key.versions().lowest()) {
                chosen.put(key, version);
            }
        }
        return new ApiVersionsTable(chosen, ranges);
    }

    /**
     * The version to use for {@code api}.
     *
     * @throws UnsupportedVersionException if the broker does not offer the API or no version is common
     */
    public short version(ApiKey api) {
        Short v = chosen.get(api);
        if (v == null) {
            VersionRange broker = brokerRanges.get(api);
            throw new UnsupportedVersionException("The broker does not support " + api.apiName()
                + (broker == null ? "" : " in a version this client speaks (broker " + broker + ", client "
                + api.versions() + ")"));
        }
        return v;
    }

    /** Whether the broker offers {@code api} in a version this client speaks. */
    public boolean supports(ApiKey api) {
        return chosen.containsKey(api);
    }

    /** Whether the broker offers {@code api} at {@code version} or later (and the client speaks it). */
    public boolean supportsAtLeast(ApiKey api, int version) {
        Short v = chosen.get(api);
        return v != null && v >= version;
    }
}
