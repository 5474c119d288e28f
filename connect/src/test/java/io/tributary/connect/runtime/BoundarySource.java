package io.tributary.connect.runtime;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.source.ConnectorTransactionBoundaries;
import io.tributary.connect.source.ExactlyOnceSupport;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import io.tributary.connect.source.TransactionContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * A source that defines its own transactions: it emits the numbers 0 to 99 of {@code topic} in transactions of
 * five, committing the even-numbered transactions and aborting the odd ones (marking the last record of a
 * transaction in tens 0, 2, 4... and asking for the next record otherwise), then stays idle.
 */
public final class BoundarySource extends SourceConnector {
    static final int COUNT = 100;
    static final int PER_TRANSACTION = 5;
    private Map<String, String> props = Map.of();

    @Override
    public String version() {
        return "1";
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> config) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> config) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    @Override
    public Class<? extends SourceTask> taskClass() {
        return Task.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define("topic", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.Importance.HIGH, "Where the numbers go.");
    }

    /** Whether the transaction holding {@code n} commits. */
    static boolean commits(int n) {
        return (n / PER_TRANSACTION) % 2 == 0;
    }

    public static final class Task extends SourceTask {
        private String topic = "";

        @Override
        public String version() {
            return "1";
        }

        @Override
        public void start(Map<String, String> props) {
            topic = props.get("topic");
        }

        @Override
        public Flux<SourceRecord> records() {
            TransactionContext transactions = Objects.requireNonNull(context().transactionContext(),
                "no transaction context");
            return Flux.range(0, COUNT).map(n -> {
                SourceRecord record = new SourceRecord(Map.of("source", "numbers"), Map.of("next", n + 1), topic,
                    Schema.STRING_SCHEMA, Integer.toString(n));
                if (n % PER_TRANSACTION == PER_TRANSACTION - 1) {
                    boolean byRecord = (n / 10) % 2 == 0;
                    if (commits(n)) {
                        if (byRecord) {
                            transactions.commitTransaction(record);
                        } else {
                            transactions.commitTransaction();
                        }
                    } else if (byRecord) {
                        transactions.abortTransaction(record);
                    } else {
                        transactions.abortTransaction();
                    }
                }
                return record;
            });
        }

        @Override
        public void stop() {
        }
    }
}
