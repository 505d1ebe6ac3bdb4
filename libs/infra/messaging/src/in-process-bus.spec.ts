import { describeMessagingContract } from './contract';
import { InProcessBus } from './in-process-bus';
import { ConsumerStartError } from './errors';

describeMessagingContract('InProcessBus', async () => {
  const bus = new InProcessBus();
  return { bus, settleMs: 50, dispose: () => bus.close() };
});

describe('InProcessBus (embedded mode specifics)', () => {
  it('refuses a second running consumer of the same group in the process', async () => {
    const bus = new InProcessBus();
    const subscription = { groupId: 'projector', topics: ['bj.declaration'], deadLetterTopic: 'bj.declaration.dlq', handler: async () => undefined };
    const first = bus.createConsumer();
    first.subscribe(subscription);
    await first.start();
    const second = bus.createConsumer();
    second.subscribe(subscription);
    await expect(second.start()).rejects.toBeInstanceOf(ConsumerStartError);
    await first.stop();
    await second.start();
    await bus.close();
  });

  it('copies the value at publish, so that later changes to the caller\'s buffer do not reach consumers', async () => {
    const bus = new InProcessBus({ partitions: 1 });
    const seen: string[] = [];
    const consumer = bus.createConsumer();
    consumer.subscribe({ groupId: 'g', topics: ['bj.session'], deadLetterTopic: 'bj.session.dlq', handler: async (m) => void seen.push(m.value.toString()) });
    const value = Buffer.from('before');
    await bus.publish([{ topic: 'bj.session', key: 'session-2026', value }]);
    value.write('AFTER!');
    await consumer.start();
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual(['before']);
    await bus.close();
  });
});
