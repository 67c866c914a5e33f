/**
 * Browser-mode downloads without a cookie: the page asks for a single-use ticket for
 * one exact download (with its token, from its own Origin) and puts it in the link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestHost, type TestHost } from './helpers';

let t: TestHost;
let clock = 1_000_000;
beforeAll(async () => {
  t = await startTestHost({ now: () => clock });
});
afterAll(async () => {
  await t.stop();
});

const REPORT = '/report?file=spool-report-2026-01-01T00-00-00-000Z.zip';

async function ticketFor(path: string, headers: Record<string, string> = {}) {
  const res = await request(
    t.host.port,
    '/auth/ticket',
    {
      Origin: t.origin,
      Authorization: `Bearer ${t.host.token}`,
      'Content-Type': 'application/json',
      ...headers,
    },
    'POST',
    JSON.stringify({ path }),
  );
  return {
    status: res.status,
    ticket: res.status === 200 ? (JSON.parse(res.body) as { ticket: string }).ticket : '',
  };
}

describe('download tickets', () => {
  it('refuses a download with neither ticket nor token with 401', async () => {
    expect((await request(t.host.port, REPORT)).status).toBe(401);
  });

  it('lets a ticket through once, for the download it was issued for', async () => {
    const { status, ticket } = await ticketFor(REPORT);
    expect(status).toBe(200);
    // No such report: 404 means the ticket was accepted and the report route answered.
    expect((await request(t.host.port, `${REPORT}&ticket=${ticket}`)).status).toBe(404);
    expect((await request(t.host.port, `${REPORT}&ticket=${ticket}`)).status).toBe(401);
  });

  it('refuses a ticket for another download', async () => {
    const { ticket } = await ticketFor(REPORT);
    const other = '/report?file=spool-report-2026-02-02T00-00-00-000Z.zip';
    expect((await request(t.host.port, `${other}&ticket=${ticket}`)).status).toBe(401);
  });

  it('refuses a ticket after a minute', async () => {
    const { ticket } = await ticketFor(REPORT);
    clock += 61_000;
    expect((await request(t.host.port, `${REPORT}&ticket=${ticket}`)).status).toBe(401);
  });

  it('issues no ticket without the token, from another Origin, or for a path that is not a download', async () => {
    expect((await ticketFor(REPORT, { Authorization: 'Bearer nope-nope-nope-nope' })).status).toBe(401);
    expect((await ticketFor(REPORT, { Origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await ticketFor('/api')).status).toBe(400);
  });
});
