import { bodyParserProblem, JSON_BODY_MAX_DEPTH, parsedBodyProblem, tooDeepPath } from './body-problems';

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

describe('parsedBodyProblem', () => {
  /** `{"a":{"a":…}}` with `levels` objects, innermost `leaf`. */
  const nested = (levels: number, leaf: unknown = 1): unknown => {
    let v: unknown = leaf;
    for (let i = 0; i < levels; i++) v = { a: v };
    return v;
  };

  it('accepts objects and arrays nested exactly JSON_BODY_MAX_DEPTH levels, the body being level 1', () => {
    expect(JSON_BODY_MAX_DEPTH).toBe(32);
    expect(parsedBodyProblem(nested(32))).toBeUndefined();
    expect(parsedBodyProblem({ a: JSON.parse('['.repeat(31) + ']'.repeat(31)) })).toBeUndefined();
  });

  it('refuses one level more with 400 naming the first too-deep value', () => {
    const problem = parsedBodyProblem({ ok: nested(5), deep: nested(32), later: nested(40) });
    expect(problem?.status).toBe(400);
    expect(problem?.extensions).toMatchObject({ maxDepth: 32, errors: [{ path: `body.deep${'.a'.repeat(31)}` }] });
    expect(parsedBodyProblem({ list: [1, JSON.parse('['.repeat(32) + ']'.repeat(32))] })?.extensions['errors']).toEqual([
      { path: `body.list.1${'.0'.repeat(30)}`, message: expect.stringMatching(/at most 32 levels/) },
    ]);
  });

  it('walks 100 000 levels without overflowing the stack', () => {
    const deep = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    expect(tooDeepPath(deep)).toBe(`body${'.a'.repeat(32)}`);
    expect(tooDeepPath(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBe(`body${'.0'.repeat(32)}`);
  });

  it.each([
    ['null', 'null'],
    ['1e999', 'a number'],
    ['"text"', 'a string'],
    ['true', 'a boolean'],
    ['[]', 'an array'],
  ])('says a valid JSON %s body is not an object, not that it is malformed', (text, kind) => {
    const problem = parsedBodyProblem(JSON.parse(text));
    expect(problem?.status).toBe(400);
    expect(problem?.extensions['errors']).toEqual([
      { path: 'body', message: `expected a JSON object; the body is valid JSON, but ${kind}` },
    ]);
  });
});
