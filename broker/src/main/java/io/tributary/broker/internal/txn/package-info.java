/**
 * The transaction coordinator (PROTOCOL.md 5.5, transaction protocol version 1): transactional ids mapped to producer
 * ids and epochs, the transaction state machine, its persistence in the compacted internal topic
 * {@code __transaction_state} (PROTOCOL.md 5.8), transaction markers and the abort of timed-out transactions.
 */
@NullMarked
package io.tributary.broker.internal.txn;

import org.jspecify.annotations.NullMarked;
