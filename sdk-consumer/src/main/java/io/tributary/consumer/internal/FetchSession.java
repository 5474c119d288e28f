package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The consumer's side of an incremental fetch session with one broker (KIP-227). The first request opens a session
 * with every partition (a full fetch, epoch 0); once the broker answers with a session id, each request names only
 * the partitions whose position changed or that are new, and lists those to forget, so a consumer of many quiet
 * partitions sends small requests. The broker answers for every partition of the session that has data. A broker
 * that creates no session (or speaks a Fetch version before sessions) gets full fetches every time; a session error
 * or a failed request starts a new session. One request at a time per broker; thread-safe.
 */
final class FetchSession {
    /** The session epoch that asks the broker to open a new session. */
    static final int OPEN = 0;

    private int sessionId;
    private int epoch = OPEN;
    /** The partitions the session holds and the position the broker knows for each. */
    private final Map<TopicPartition, Long> known = new LinkedHashMap<>();
    /** Whether the request in flight opens the session. */
    private boolean opening;

    /**
     * The next request, fetching {@code positions} (every partition to fetch from this broker now) and at most
     * {@code maxBytes}, and records what it tells the broker.
     */
    synchronized FetchRequest next(ConsumerOptions<?, ?> options, Map<TopicPartition, Long> positions,
                                   int maxBytes) {
        opening = sessionId == 0 || epoch == OPEN;
        if (opening) {
            known.clear();
            known.putAll(positions);
            return FetchRequests.build(options, positions, maxBytes, 0, OPEN, List.of());
        }
        Map<TopicPartition, Long> changed = new LinkedHashMap<>();
        positions.forEach((tp, position) -> {
            if (!Objects.equals(known.get(tp), position)) {
                changed.put(tp, position);
            }
        });
        List<TopicPartition> forgotten = new ArrayList<>();
        for (TopicPartition tp : known.keySet()) {
            if (!positions.containsKey(tp)) {
                forgotten.add(tp);
            }
        }
        forgotten.forEach(known::remove);
        known.putAll(changed);
        return FetchRequests.build(options, changed, maxBytes, sessionId, epoch, forgotten);
    }

    /** The broker answered the last request: the session goes on, opens, or is lost. */
    synchronized void answered(FetchResponse response) {
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        if (error != ErrorCode.NONE) {
            reset();
            return;
        }
        if (opening) {
            sessionId = response.sessionId();
            epoch = sessionId == 0 ? OPEN : 1;
            return;
        }
        epoch = epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
    }

    /** The last request failed: the next one opens a new session. */
    synchronized void reset() {
        sessionId = 0;
        epoch = OPEN;
        known.clear();
    }

    /** The session's id, 0 if none is open. */
    synchronized int id() {
        return sessionId;
    }

    /** Whether {@code error}, a Fetch response's top-level error, is one a new session cures. */
    static boolean isSessionError(short error) {
        ErrorCode e = ErrorCode.forCode(error);
        return e == ErrorCode.FETCH_SESSION_ID_NOT_FOUND || e == ErrorCode.INVALID_FETCH_SESSION_EPOCH;
    }

    /** The sessions of a consumer, by broker id. */
    static final class PerNode {
        private final Map<Integer, FetchSession> sessions = new HashMap<>();

        synchronized FetchSession of(int node) {
            return sessions.computeIfAbsent(node, n -> new FetchSession());
        }
    }
}
