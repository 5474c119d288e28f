package io.tributary.samples.producer;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.client.ClientOptions;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Sends ten greetings to the topic {@code greetings} and prints where each was written. Runs against an embedded
 * broker, or against {@code --bootstrap-server host:port} (Tributary or Apache Kafka).
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java                                        # embedded broker
 * ./mvnw -B -q -pl samples exec:java -Dexec.args="--bootstrap-server localhost:9092"
 * </pre>
 */
public final class ReactiveProducerSample {
    private ReactiveProducerSample() {
    }

    public static void main(String[] args) {
        String bootstrap = args.length == 2 && args[0].equals("--bootstrap-server") ? args[1] : null;
        if (bootstrap != null) {
            send(bootstrap, 10).forEach(System.out::println);
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            send(broker.bootstrapServers(), 10).forEach(System.out::println);
        }
    }

    /** Sends {@code count} records and returns one line per result, in the order sent. */
    static List<String> send(String bootstrapServers, int count) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(
            ClientOptions.create(bootstrapServers), Serdes.string().serializer(), Serdes.string().serializer()));

        Flux<SendResult<Integer>> results = producer.send(Flux.range(1, count)
            .map(i -> ProducerRecord.of("greetings", "user-" + i, "hello #" + i).correlate(i)));

        List<String> lines = results
            .map(ReactiveProducerSample::describe)
            .collectList()
            .block(Duration.ofSeconds(30));
        producer.closeNow();
        return lines;
    }

    private static String describe(SendResult<Integer> result) {
        if (result instanceof SendResult.Sent<Integer> sent) {
            return "greeting " + sent.correlation() + " written to " + sent.metadata().partition() + " at offset "
                + sent.metadata().offset();
        }
        return "greeting " + result.correlation() + " failed: " + ((SendResult.Failed<Integer>) result).error();
    }
}
