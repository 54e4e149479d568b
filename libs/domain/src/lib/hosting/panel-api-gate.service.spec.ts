import { apiSystemLevel, panelCallerIp, panelIpAllowed } from './panel-api-gate.service';

describe("Hestia's API gate rules", () => {
  it('unwraps IPv4-mapped IPv6 the way get_real_user_ip does, and leaves other addresses alone', () => {
    expect(panelCallerIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(panelCallerIp('192.0.2.1')).toBe('192.0.2.1');
    expect(panelCallerIp('2001:db8::1')).toBe('2001:db8::1');
    expect(panelCallerIp('::1')).toBe('::1');
  });

  it('reads API_ALLOWED_IP as explode(",") plus an empty entry, 0.0.0.0 meaning all for access keys only', () => {
    expect(panelIpAllowed('allow-all', '192.0.2.1', 'legacy')).toBe(true);
    expect(panelIpAllowed('192.0.2.1,192.0.2.2', '192.0.2.2', 'legacy')).toBe(true);
    expect(panelIpAllowed('192.0.2.1, 192.0.2.2', '192.0.2.2', 'legacy')).toBe(false);
    expect(panelIpAllowed('', '192.0.2.2', 'access_key')).toBe(false);
    expect(panelIpAllowed('0.0.0.0', '192.0.2.2', 'access_key')).toBe(true);
    expect(panelIpAllowed('0.0.0.0', '192.0.2.2', 'legacy')).toBe(false);
    expect(panelIpAllowed('192.0.2.1', '::ffff:192.0.2.1', 'legacy')).toBe(true);
  });

  it('takes a non-numeric API_SYSTEM as 0', () => {
    expect([apiSystemLevel('2'), apiSystemLevel('1'), apiSystemLevel(''), apiSystemLevel('x')]).toEqual([2, 1, 0, 0]);
  });
});
