#!/usr/bin/env node
// Waits until the Kafka broker answers an admin request (kafkajs listTopics), or fails after a timeout.
//   node infra/kafka/wait-ready.js --brokers 127.0.0.1:19092 [--timeout-ms 90000] [--pid 1234] [--warm-up]
// With --pid it fails at once when that process (the broker being started) has exited.
// With --warm-up it then sends one message with an idempotent producer and reads it back in a
// consumer group: this creates the internal topics (__consumer_offsets, the producer-id state) once,
// here, instead of in the first test, and proves that produce, consume and group commits work.
const { Kafka, Partitioners, logLevel } = require('kafkajs');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const brokers = option('brokers', process.env.KAFKA_BROKERS || '127.0.0.1:19092').split(',');
const timeoutMs = Number(option('timeout-ms', '90000'));
const pid = option('pid', undefined);
const warm = process.argv.includes('--warm-up');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(processId) {
  try {
    process.kill(Number(processId), 0);
    return true;
  } catch {
    return false;
  }
}

async function warmUp(deadline) {
  const kafka = new Kafka({
    clientId: 'bj-warm-up',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 },
  });
  const topic = 'bj.dev.readiness';
  const token = `${process.pid}-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(topic)) {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  }
  await admin.disconnect();

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'readiness', value: token }] });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }

  const consumer = kafka.consumer({ groupId: 'bj-dev-readiness', maxWaitTimeInMs: 500 });
  let seen = false;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value && message.value.toString() === token) seen = true;
      },
    });
    while (!seen && Date.now() < deadline) await sleep(100);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  if (!seen) throw new Error('the warm-up message was not consumed in time');
}

async function main() {
  const deadline = Date.now() + timeoutMs;
  const kafka = new Kafka({
    clientId: 'bj-wait-ready',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (pid && !alive(pid)) {
      console.error(`[kafka] broker process ${pid} exited before answering`);
      process.exit(1);
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
      if (warm) await warmUp(deadline);
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await admin.disconnect().catch(() => undefined);
      await sleep(500);
    }
  }
  console.error(`[kafka] no answer from ${brokers.join(',')} within ${timeoutMs} ms (last error: ${lastError})`);
  process.exit(1);
}

main().catch((error) => {
  console.error(`[kafka] readiness check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
