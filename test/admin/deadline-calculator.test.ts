import { http, OFFICER } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { pathsOf, VIEWER } from './admin-headers';

/** The calculator, rule lookup and catalogs: any signed-in user, real API against the seeded policy and calendar. */
describe('deadline calculator (期限计算)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('counts 3 working days over Spring Festival 2026, naming the 02-14 make-up day and the holidays', async () => {
    const res = await http(stack.baseUrl, 'POST', '/deadlines/calculate', {
      duration: { amount: 3, unit: 'workingDays' },
      start: '2026-02-13T10:00+08:00',
    });
    expect(res.status).toBe(200);
    // 02-14 (Sat, 调休上班) is day 1, 02-15…02-23 are the holiday, 02-24 and 02-25 are days 2 and 3; ends at 24:00.
    expect(res.body.dueAt).toBe('2026-02-25T16:00:00.000Z');
    expect(res.body.lastDay).toBe('2026-02-25');
    expect(res.body.jurisdiction).toBe(OFFICER['x-actor-jurisdiction']);
    expect(res.body.adjustments).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-02-14', kind: 'makeupWorkday' })]));
    const holidays = res.body.adjustments.filter((a: { kind: string }) => a.kind === 'holiday');
    expect(holidays.map((a: { date: string }) => a.date)).toEqual(expect.arrayContaining(['2026-02-15', '2026-02-23']));
    expect(holidays[0].name).toMatch(/Spring Festival|春节/);
    expect(res.body.explanation).toMatch(/Spring Festival|春节/);
    expect(res.body.explanation).toContain('2026-02-14');
    expect(res.body.rule.en).toEqual(expect.any(String));
    expect(res.body.rule.zh).toMatch(/工作日/);
    expect(res.body.calendar).toMatchObject({ id: 'CN', version: expect.any(Number) });
    expect(res.body).toMatchObject({ policy: null, outsideKnownYears: false, reminders: [], escalations: [] });
  });

  it("computes the agency head's transfer decision (行刑衔接) from the policy, with the rule, its source and the losing candidates", async () => {
    // Wednesday + 3 days = Saturday, so the period rolls to Monday (民法典 art. 203, applied to 310号 by analogy).
    const res = await http(
      stack.baseUrl,
      'POST',
      '/deadlines/calculate',
      {
        sector: 'industry_trade',
        procedure: 'criminal_transfer',
        step: 'head_decision',
        jurisdiction: '650102',
        start: '2026-03-04T09:30+08:00',
      },
      VIEWER,
    );
    expect(res.status).toBe(200);
    expect(res.body.dueAt).toBe('2026-03-09T16:00:00.000Z');
    expect(res.body.nominalLastDay).toBe('2026-03-07');
    expect(res.body.adjustments.map((a: { date: string }) => a.date)).toEqual(['2026-03-07', '2026-03-08']);
    expect(res.body.policy).toMatchObject({ version: { status: 'published' }, ruleIndex: expect.any(Number) });
    expect(res.body.policy.source).toContain('310号');
    expect(res.body.policy.reasons.join(' ')).toMatch(/criminal_transfer\.head_decision/);
    expect(res.body.policy.candidates.some((c: { outcome: string }) => c.outcome === 'selected')).toBe(true);
    expect(res.body.reminders).toHaveLength(1);
    expect(res.body.explanation).toMatch(/by analogy/);
  });

  it('flags a start beyond the official holiday schedule as outsideKnownYears, with a warning', async () => {
    const cn = await http(stack.baseUrl, 'POST', '/deadlines/calculate', {
      duration: { amount: 1, unit: 'workingDays' },
      start: '2026-06-01T09:00+08:00',
    });
    expect(cn.body.outsideKnownYears).toBe(false);
    // The seeded national calendar knows up to 2026 (chinese-days); 2027's notice is not in the data.
    const res = await http(stack.baseUrl, 'POST', '/deadlines/calculate', {
      duration: { amount: 5, unit: 'workingDays' },
      start: '2099-03-01T09:00+08:00',
    });
    expect(res.status).toBe(200);
    expect(res.body.outsideKnownYears).toBe(true);
    expect(res.body.warnings.length).toBeGreaterThan(0);
  });

  it('answers invalid input with 400 and the field paths', async () => {
    const noActor = await http(
      stack.baseUrl,
      'POST',
      '/deadlines/calculate',
      { duration: { amount: 1, unit: 'hours' }, start: '2026-03-04T09:30+08:00' },
      {},
    );
    // Without a bearer token nobody is calling (docs/identity.md): 401, before the body is looked at.
    expect(noActor.status).toBe(401);
    expect(noActor.headers.get('www-authenticate')).toBe('Bearer realm="anjian"');

    const badDuration = await http(stack.baseUrl, 'POST', '/deadlines/calculate', {
      duration: { amount: -1, unit: 'weeks' },
      start: '2026-03-04',
    });
    expect(badDuration.status).toBe(400);
    expect(pathsOf(badDuration.body)).toEqual(expect.arrayContaining(['body.duration.amount', 'body.duration.unit', 'body.start']));

    const unknown = await http(stack.baseUrl, 'POST', '/deadlines/calculate', {
      sector: 'no_such_sector',
      procedure: 'criminal_transfer',
      step: 'flag_suspicion',
      start: '2026-03-04T09:30+08:00',
    });
    expect(unknown.status).toBe(400);
    expect(pathsOf(unknown.body)).toEqual(['body.sector', 'body.step']);
    expect(unknown.body.errors[1].message).toMatch(/no deadline/);

    const noVersion = await http(stack.baseUrl, 'POST', '/deadlines/calculate', {
      sector: 'mining',
      procedure: 'rectification',
      step: 'recheck',
      start: '2026-03-04T09:30+08:00',
      policyVersion: 99999,
    });
    expect(noVersion.status).toBe(400);
    expect(pathsOf(noVersion.body)).toEqual(['body.policyVersion']);
  });

  it('refuses a jurisdiction the 行政区划 table does not know (as POST /cases does) with 400 naming it', async () => {
    const byPolicy = { sector: 'industry_trade', procedure: 'criminal_transfer', step: 'head_decision', start: '2026-03-04T09:30+08:00' };
    const byDuration = { duration: { amount: 3, unit: 'workingDays' }, start: '2026-03-04T09:30+08:00' };
    for (const body of [byPolicy, byDuration]) {
      const unknown = await http(stack.baseUrl, 'POST', '/deadlines/calculate', { ...body, jurisdiction: '999999' });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ type: '/problems/validation', detail: expect.stringContaining('999999') });
      expect(unknown.body.errors).toEqual([{ path: 'body.jurisdiction', message: 'unknown administrative division code (行政区划代码)' }]);
      // A division the directory knows is counted.
      expect((await http(stack.baseUrl, 'POST', '/deadlines/calculate', { ...body, jurisdiction: '650102' })).status).toBe(200);
    }
    const resolve = '/policies/resolve?sector=industry_trade&procedure=rectification&step=report&jurisdiction=';
    const unknown = await http(stack.baseUrl, 'GET', `${resolve}999999`, undefined, VIEWER);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'query.jurisdiction', message: 'unknown administrative division code (行政区划代码)' }]);
    expect((await http(stack.baseUrl, 'GET', `${resolve}650102`, undefined, VIEWER)).status).toBe(200);
  });

  it('says which rule applies to a step and why', async () => {
    const res = await http(
      stack.baseUrl,
      'GET',
      '/policies/resolve?sector=industry_trade&procedure=rectification&step=report&grade=general',
      undefined,
      VIEWER,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      found: true,
      query: { jurisdiction: '650102', grade: 'general' },
      rule: { grade: 'general', duration: { amount: 1 } },
    });
    const outranked = res.body.candidates.filter((c: { outcome: string }) => c.outcome === 'outranked');
    expect(outranked.length).toBeGreaterThan(0);
    expect(outranked[0].why).toMatch(/outranked by rule/);
    const bad = await http(stack.baseUrl, 'GET', '/policies/resolve?sector=mining&procedure=penalty&step=x', undefined, VIEWER);
    expect(bad.status).toBe(400);
    expect(pathsOf(bad.body)).toContain('query.procedure');
  });

  it('serves the catalogs and documents every new route in OpenAPI', async () => {
    // The catalogs are for signed-in users, like every route but health, metrics and the API description.
    expect((await http(stack.baseUrl, 'GET', '/catalog/sectors', undefined, {})).status).toBe(401);
    const sectors = await http(stack.baseUrl, 'GET', '/catalog/sectors');
    expect(sectors.status).toBe(200);
    expect(sectors.body.map((s: { id: string }) => s.id)).toContain('industry_trade');
    const procedures = await http(stack.baseUrl, 'GET', '/catalog/procedures');
    expect(procedures.body.find((p: { id: string }) => p.id === 'criminal_transfer').steps.map((s: { id: string }) => s.id)).toContain(
      'head_decision',
    );

    const doc = await http(stack.baseUrl, 'GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/deadlines/calculate',
        '/policies/resolve',
        '/catalog/sectors',
        '/catalog/procedures',
        '/admin/policies',
        '/admin/policies/{version}',
        '/admin/policies/{version}/rules',
        '/admin/policies/{version}/publish',
        '/admin/policies/{version}/changes',
        '/admin/policies/{version}/preview',
        '/admin/policies/{version}/migrations',
        '/admin/calendars',
        '/admin/calendars/{id}',
        '/admin/calendars/{id}/history',
        '/admin/calendars/{id}/entries',
        '/admin/calendars/{id}/migrations',
      ]),
    );
    expect(doc.body.components.schemas.PolicyRule).toBeDefined();
    expect(doc.body.paths['/admin/policies/{version}/publish'].post.responses['403'].content['application/problem+json']).toBeDefined();
  });
});
