package io.tributary.broker.internal.fetch;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The broker's cache of incremental fetch sessions (KIP-227), bounded by {@code maxSessions}; when full, the
 * session used least recently is evicted (its client then gets FETCH_SESSION_ID_NOT_FOUND and starts a new one).
 * Thread-safe.
 */
public final class FetchSessions {
    /** Session id of a sessionless fetch; epoch values with special meaning. */
    public static final int NO_SESSION = 0;
    public static final int INITIAL_EPOCH = 0;
    public static final int FINAL_EPOCH = -1;

    private final int maxSessions;
    private final Map<Integer, FetchSession> sessions = new ConcurrentHashMap<>();

    public FetchSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /**
     * What to fetch for one request: every partition of the request (full fetch) or of the session (incremental),
     * with the session's bookkeeping of what each response told the client.
     */
    public static final class Plan {
        private final int sessionId;
        private final boolean full;
        private final List<FetchTarget> targets;
        private final @Nullable FetchSession session;
        private final ErrorCode error;

        private Plan(int sessionId, boolean full, List<FetchTarget> targets, @Nullable FetchSession session,
                     ErrorCode error) {
            this.sessionId = sessionId;
            this.full = full;
            this.targets = targets;
            this.session = session;
            this.error = error;
        }

        static Plan failed(ErrorCode error) {
            return new Plan(NO_SESSION, true, List.of(), null, error);
        }

        /** Session id for the response: 0 without a session. */
        public int sessionId() {
            return sessionId;
        }

        /** The partitions to read. */
        public List<FetchTarget> targets() {
            return targets;
        }

        /** A top-level error (unknown session, wrong epoch), else NONE. */
        public ErrorCode error() {
            return error;
        }

        /** Whether the response must carry the partition: always in full responses, else only with news. */
        public boolean include(PartitionKey key, boolean hasRecords, boolean error, long highWatermark,
                               long lastStableOffset, long logStartOffset) {
            if (session == null) {
                return true;
            }
            boolean news = session.hasNews(key, hasRecords, error, highWatermark, lastStableOffset, logStartOffset,
                !full);
            return full || news;
        }
    }

    /** Plans a fetch from the request's session fields (PROTOCOL.md 5.2). */
    public Plan plan(int sessionId, int epoch, List<FetchTarget> requested, List<PartitionKey> forgotten) {
        long now = System.nanoTime();
        if (epoch == FINAL_EPOCH) {
            if (sessionId != NO_SESSION) {
                sessions.remove(sessionId);
            }
            return new Plan(NO_SESSION, true, requested, null, ErrorCode.NONE);
        }
        if (epoch == INITIAL_EPOCH) {
            if (sessionId != NO_SESSION) {
                sessions.remove(sessionId);
            }
            FetchSession session = create(now);
            return new Plan(session.id, true, session.update(requested, List.of(), now), session, ErrorCode.NONE);
        }
        FetchSession session = sessions.get(sessionId);
        if (session == null) {
            return Plan.failed(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
        }
        synchronized (session) {
            if (session.nextEpoch() != epoch) {
                return Plan.failed(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
            }
            return new Plan(session.id, false, session.update(requested, forgotten, now), session, ErrorCode.NONE);
        }
    }

    public int size() {
        return sessions.size();
    }

    private FetchSession create(long now) {
        if (sessions.size() >= maxSessions) {
            sessions.values().stream()
                .min((a, b) -> Long.compare(a.lastUsedNanos(), b.lastUsedNanos()))
                .ifPresent(oldest -> sessions.remove(oldest.id));
        }
        while (true) {
            int id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            FetchSession s = new FetchSession(id, now);
            if (sessions.putIfAbsent(id, s) == null) {
                return s;
            }
        }
    }
}
