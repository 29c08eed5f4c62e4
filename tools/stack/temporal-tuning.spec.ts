import { devServerDynamicConfigArgs, TEMPORAL_DYNAMIC_CONFIG } from './temporal-tuning';

describe('devServerDynamicConfigArgs', () => {
  it('passes each setting as --dynamic-config-value KEY=JSON', () => {
    expect(devServerDynamicConfigArgs({ 'history.a': 5, 'matching.b': 1 })).toEqual([
      '--dynamic-config-value',
      'history.a=5',
      '--dynamic-config-value',
      'matching.b=1',
    ]);
  });

  it('raises the queue read rates above the server default of 20 a second', () => {
    const args = devServerDynamicConfigArgs();
    for (const key of ['history.transferProcessorMaxPollRPS', 'history.timerProcessorMaxPollRPS']) {
      expect(TEMPORAL_DYNAMIC_CONFIG[key]).toBeGreaterThan(20);
      expect(args).toContain(`${key}=${TEMPORAL_DYNAMIC_CONFIG[key]}`);
    }
  });
});
