import { parseActionChain } from './action-chain';
import { parseMultipart } from './project-multipart';
import { ACTION_FIELDS } from './project-fields';
import { formatDate, parseDate, readQuery } from './project-values';

describe('parseActionChain', () => {
  it('reads the clean URL, the rewrite form, the action parameter and the product path alike', () => {
    for (const [path, action] of [
      ['/api.php/v1/projects/100/actions/json', undefined],
      ['/api/v1/projects/100/actions/json', undefined],
      ['/api.php?x=1', 'v1.projects.100.actions.json'],
      ['/modules/addons/wbteampro/api.php/v1/projects/100/actions/json', undefined],
    ] as const) {
      expect(parseActionChain(path, action)).toEqual({ ok: true, chain: { version: 'v1', keys: ['projects', '100', 'actions'], format: 'json', action: 'projects/100/actions' } });
    }
  });

  it('takes the format from the last key and refuses anything but json or xml, a missing version or a short chain', () => {
    expect(parseActionChain('/api.php/v1/projects/xml', undefined)).toMatchObject({ ok: true, chain: { format: 'xml' } });
    expect(parseActionChain('/api.php/v1/projects/csv', undefined)).toMatchObject({ ok: false, format: 'json' });
    expect(parseActionChain('/api.php/projects/100/json', undefined)).toMatchObject({ ok: false });
    expect(parseActionChain('/api.php/v1/json', undefined)).toMatchObject({ ok: false });
    expect(parseActionChain('/api.php', undefined)).toMatchObject({ ok: false });
  });

  it('keeps a malformed escape as written instead of throwing', () => {
    expect(parseActionChain('/api.php/v1/projects/%E0%A4%A/json', undefined)).toMatchObject({ ok: true, chain: { keys: ['projects', '%E0%A4%A'] } });
  });
});

describe('dates and queries', () => {
  it('parses Y-m-d, Y-m-d H:i[:s] and ISO 8601 as UTC and refuses impossible dates', () => {
    expect(formatDate(parseDate('2026-02-28') as Date)).toBe('2026-02-28 00:00:00');
    expect(formatDate(parseDate('2026-02-28', true) as Date)).toBe('2026-02-28 23:59:59');
    expect(formatDate(parseDate('2026-02-28 07:05') as Date)).toBe('2026-02-28 07:05:00');
    expect(formatDate(parseDate('2026-02-28T07:05:00+02:00') as Date)).toBe('2026-02-28 05:05:00');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-01-01 24:00:00', 'yesterday', '01/02/2026']) expect(parseDate(bad)).toBeUndefined();
  });

  it('turns parameters into filters, sorting and paging, with the chain’s own filter winning', () => {
    const { query, echo } = readQuery(ACTION_FIELDS, { project_id: '9', action_priority: '3', date_start_from: '2026-01-01', sort: '-action_priority', page: '3', limit: '10' }, { project_id: 5 });
    expect(query.filters).toEqual([
      { field: 'projectId', op: 'eq', value: 5 },
      { field: 'priority', op: 'eq', value: 3 },
      { field: 'dateStart', op: 'gte', value: new Date('2026-01-01T00:00:00Z') },
    ]);
    expect(query).toMatchObject({ sort: [['priority', 'DESC']], limit: 10, offset: 20 });
    expect(echo).toEqual({ project_id: 5, action_priority: 3, date_start_from: '2026-01-01 00:00:00', sort: 'action_priority', order: 'desc' });
  });
});

describe('parseMultipart', () => {
  it('keeps file bytes exact and text fields as form pairs', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x80]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="params"\r\n\r\n{"project_id":1}\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      bytes,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const parsed = parseMultipart('multipart/form-data; boundary=XyZ', body);
    expect(parsed?.pairs).toBe(`params=${encodeURIComponent('{"project_id":1}')}`);
    expect(parsed?.files).toEqual([{ field: 'file', fileName: 'a.bin', contentType: 'application/octet-stream', data: bytes }]);
    expect(parseMultipart('application/json', body)).toBeUndefined();
  });
});
