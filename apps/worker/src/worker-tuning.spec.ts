import { workerTuning } from './worker-tuning';

describe('workerTuning', () => {
  it("leaves the SDK's defaults when nothing is set", () => {
    expect(workerTuning({})).toEqual({});
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '' })).toEqual({});
  });

  it('bounds the sticky cache from WORKER_MAX_CACHED_WORKFLOWS', () => {
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '300' })).toEqual({ maxCachedWorkflows: 300 });
  });

  it('refuses a value the SDK would not take, naming the variable', () => {
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '2.5' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });
});
