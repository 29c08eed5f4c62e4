import { bodyParserProblem } from './body-problems';

describe('bodyParserProblem', () => {
  it.each([
    ['entity.parse.failed', 400],
    ['entity.too.large', 413],
    ['encoding.unsupported', 415],
    ['charset.unsupported', 415],
    ['request.aborted', 400],
    ['request.size.invalid', 400],
    ['stream.encoding.set', 400],
    ['stream.not.readable', 400],
    ['parameters.too.many', 400],
    ['entity.verify.failed', 400],
  ])('maps %s to %i, never a 5xx', (type, status) => {
    // raw-body marks some of these 500 (stream.encoding.set): still the request's fault here.
    const problem = bodyParserProblem(Object.assign(new Error('x'), { type, status: 500 }));
    expect(problem?.status).toBe(status);
  });

  it('keeps a 4xx status body-parser gave an unknown type', () => {
    expect(bodyParserProblem(Object.assign(new Error('x'), { type: 'entity.verify.failed', status: 403 }))?.status).toBe(403);
  });

  it('leaves other errors with a `type` (a Temporal failure, say) alone', () => {
    expect(bodyParserProblem(Object.assign(new Error('x'), { type: 'ProjectionFailed' }))).toBeUndefined();
    expect(bodyParserProblem(new TypeError('x'))).toBeUndefined();
  });
});
