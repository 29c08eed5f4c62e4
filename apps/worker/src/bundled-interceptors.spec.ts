import { bundledInterceptors, workflowInterceptorModules } from './create-worker';

describe('workflow tracing interceptors in the bundle', () => {
  it('bundled by default, left out when traces go nowhere, never added to a prebuilt bundle', () => {
    expect(bundledInterceptors({})).toEqual({ workflowModules: workflowInterceptorModules() });
    expect(bundledInterceptors({ workflowTracing: true })).toEqual({ workflowModules: workflowInterceptorModules() });
    expect(bundledInterceptors({ workflowTracing: false })).toEqual({});
    expect(bundledInterceptors({ workflowBundle: { codePath: '/tmp/bundle.js' }, workflowTracing: true })).toEqual({});
  });
});
