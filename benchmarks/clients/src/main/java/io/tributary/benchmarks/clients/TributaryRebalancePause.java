package io.tributary.benchmarks.clients;

import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import java.util.ArrayList;
import java.util.List;
import reactor.core.Disposable;

/**
 * {@link RebalanceRun} with Tributary's consumer: three {@code TributaryConsumer}s with default settings (classic
 * protocol, range assignor first), each with one {@code receive()} subscription acknowledging every record; leaving
 * is cancelling that subscription, which commits and sends LeaveGroup.
 */
public final class TributaryRebalancePause {
    private TributaryRebalancePause() {
    }

    public static void main(String[] argv) throws Exception {
        RebalanceRun.run(argv, "tributary", new Members());
        System.exit(0);
    }

    private static final class Members implements RebalanceRun.Group {
        private final List<Disposable> subscriptions = new ArrayList<>();

        @Override
        public void start(String bootstrap, String topic, String group, int members, Arrivals arrivals) {
            for (int m = 0; m < members; m++) {
                TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(ConsumerOptions
                    .create(ClientOptions.create(bootstrap), Serdes.byteArray().deserializer(),
                        Serdes.byteArray().deserializer())
                    .groupId(group)
                    .subscription(List.of(topic))
                    .offsetReset(OffsetReset.EARLIEST));
                int member = m;
                subscriptions.add(consumer.receive()
                    .subscribe(record -> {
                        record.acknowledge();
                        arrivals.record(member, System.nanoTime(), 1);
                    }, e -> System.err.println("member " + member + " failed: " + e)));
            }
        }

        @Override
        public void leave(int member) {
            subscriptions.get(member).dispose();
        }

        @Override
        public void stop() {
            subscriptions.forEach(Disposable::dispose);
        }
    }
}
