import { QUEUE_NAMES } from './queue-names';
import { WorkerConfigError, WorkerHost } from './worker-host';

describe('WorkerHost.selectQueues', () => {
  it('returns the requested queues', () => {
    expect(WorkerHost.selectQueues(['claims', 'notifications'])).toEqual(['claims', 'notifications']);
    expect(WorkerHost.selectQueues(['notifications'])).toEqual(['notifications']);
  });

  it('accepts every known queue', () => {
    expect(WorkerHost.selectQueues([...QUEUE_NAMES])).toEqual([...QUEUE_NAMES]);
  });

  it('collapses duplicates, keeping the first order', () => {
    expect(WorkerHost.selectQueues(['notifications', 'claims', 'notifications', 'claims'])).toEqual(['notifications', 'claims']);
  });

  it('refuses an unknown queue, naming it and the known ones', () => {
    expect(() => WorkerHost.selectQueues(['claims', 'emails'])).toThrow(WorkerConfigError);
    expect(() => WorkerHost.selectQueues(['claims', 'emails'])).toThrow(/WORKER_QUEUES: unknown queue\(s\) emails; known: claims, notifications/);
  });

  it('names every unknown queue', () => {
    expect(() => WorkerHost.selectQueues(['email', 'sms'])).toThrow(/email, sms/);
  });

  it('is case-sensitive', () => {
    expect(() => WorkerHost.selectQueues(['Claims'])).toThrow(/unknown queue\(s\) Claims/);
  });

  it('refuses an empty selection', () => {
    expect(() => WorkerHost.selectQueues([])).toThrow(WorkerConfigError);
    expect(() => WorkerHost.selectQueues([])).toThrow('WORKER_QUEUES: no queue selected');
  });

  it('gives its error a recognisable name', () => {
    expect(() => WorkerHost.selectQueues([])).toThrow(expect.objectContaining({ name: 'WorkerConfigError' }));
  });
});
