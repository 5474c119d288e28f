package io.tributary.admin;

/**
 * One transactional id of {@link TributaryAdmin#listTransactions()}.
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param producerId      the producer id the coordinator gave it
 * @param state           the state of its transaction
 * @since 0.1
 */
public record TransactionListing(String transactionalId, long producerId, TransactionState state) {
}
