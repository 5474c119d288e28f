package io.tributary.connect.transforms;

import io.tributary.connect.ConnectHeader;
import io.tributary.connect.ConnectRecord;
import io.tributary.connect.KafkaConnectData;
import io.tributary.connect.data.Schema;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;

/** Converts records between Tributary's model and Kafka Connect's, schemas and values through KafkaConnectData. */
final class KafkaRecords {
    private KafkaRecords() {
    }

    /** The Kafka Connect record with the same fields as {@code record}. */
    static org.apache.kafka.connect.connector.ConnectRecord<?> toKafka(ConnectRecord<?> record) {
        org.apache.kafka.connect.data.Schema keySchema = KafkaConnectData.toKafka(record.keySchema());
        Object key = KafkaConnectData.toKafka(record.keySchema(), record.key());
        org.apache.kafka.connect.data.Schema valueSchema = KafkaConnectData.toKafka(record.valueSchema());
        Object value = KafkaConnectData.toKafka(record.valueSchema(), record.value());
        ConnectHeaders headers = new ConnectHeaders();
        for (ConnectHeader h : record.headers()) {
            headers.add(h.key(), KafkaConnectData.toKafka(h.schema(), h.value()), KafkaConnectData.toKafka(h.schema()));
        }
        if (record instanceof SinkRecord sink) {
            return new org.apache.kafka.connect.sink.SinkRecord(sink.topic(), sink.kafkaPartition(), keySchema, key,
                valueSchema, value, sink.kafkaOffset(), sink.timestamp(), TimestampType.CREATE_TIME, headers);
        }
        SourceRecord source = (SourceRecord) record;
        return new org.apache.kafka.connect.source.SourceRecord(source.sourcePartition(), source.sourceOffset(),
            source.topic(), source.kafkaPartition(), keySchema, key, valueSchema, value, source.timestamp(), headers);
    }

    /**
     * The Tributary record {@code input} becomes when a Kafka transform turns its Kafka twin into {@code output}:
     * built through {@code input.newRecord}, so the fields Kafka's records keep (source offsets, the original
     * topic of a sink record) are kept the same way.
     */
    static ConnectRecord<?> fromKafka(org.apache.kafka.connect.connector.ConnectRecord<?> output,
                                      ConnectRecord<?> input) {
        Schema keySchema = KafkaConnectData.fromKafka(output.keySchema());
        Schema valueSchema = KafkaConnectData.fromKafka(output.valueSchema());
        List<ConnectHeader> headers = new ArrayList<>();
        for (Header h : output.headers()) {
            headers.add(new ConnectHeader(h.key(), KafkaConnectData.fromKafka(h.schema()),
                KafkaConnectData.fromKafka(h.schema(), h.value())));
        }
        return input.newRecord(output.topic(), output.kafkaPartition(), keySchema,
            KafkaConnectData.fromKafka(output.keySchema(), output.key()), valueSchema,
            KafkaConnectData.fromKafka(output.valueSchema(), output.value()), output.timestamp(), headers);
    }
}
