// kafkajs against a broker: creates a topic, produces keyed records with headers (GZIP, idempotent), consumes them
// in a group from the beginning, then prints one JSON line per record and one with the group's committed offsets.
// Usage: node interop.js <bootstrap> <topic> <count>
const { Kafka, CompressionTypes, logLevel } = require('kafkajs');

const [bootstrap, topic, countArg] = process.argv.slice(2);
const count = parseInt(countArg, 10);
const kafka = new Kafka({ clientId: 'tributary-interop', brokers: [bootstrap], logLevel: logLevel.WARN });

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const messages = [];
  for (let i = 0; i < count; i++) {
    messages.push({ key: `key-${i}`, value: `value-${i}`, headers: { trace: `t-${i}` } });
  }
  await producer.send({ topic, compression: CompressionTypes.GZIP, acks: -1, messages });
  await producer.disconnect();

  const groupId = `${topic}-readers`;
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const seen = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${count} records within 30 s`)), 30000);
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push({
          key: message.key.toString(),
          value: message.value.toString(),
          partition,
          offset: message.offset,
          trace: message.headers.trace.toString(),
        });
        if (seen.length === count) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();

  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  for (const record of seen) {
    console.log(JSON.stringify(record));
  }
  console.log(JSON.stringify({ committed: offsets[0].partitions }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
