import type { Request, Response } from 'express';
import { Problem } from './problem';
import { sendProblem } from './problem-response';

/** A Response double that keeps what was sent. */
function capture() {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, unknown> } = { headers: {} };
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    type() {
      return res;
    },
    setHeader(name: string, value: unknown) {
      sent.headers[name] = value;
      return res;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return res;
    },
  };
  return { res: res as unknown as Response, sent };
}

const req = { header: () => undefined, originalUrl: '/cases/x' } as unknown as Request;

describe('sendProblem', () => {
  it('writes the RFC 9457 members and the extensions', () => {
    const { res, sent } = capture();
    sendProblem(
      req,
      res,
      new Problem(409, 'Approval already decided', 'approval-1 was returned', { decision: 'returned' }, '/problems/approval-decided'),
    );
    expect(sent.status).toBe(409);
    expect(sent.body).toMatchObject({
      type: '/problems/approval-decided',
      status: 409,
      detail: 'approval-1 was returned',
      instance: '/cases/x',
      decision: 'returned',
    });
  });

  it('never lets an extension replace a member (status stays the HTTP status)', () => {
    const { res, sent } = capture();
    sendProblem(req, res, new Problem(409, 'Conflict', 'd', { status: 'returned', type: 'x', detail: 'y', instance: 'z' }, '/problems/p'));
    expect(sent.body).toMatchObject({ status: 409, type: '/problems/p', detail: 'd', instance: '/cases/x' });
  });
});
