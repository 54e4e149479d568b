import { parseInstallerArgs } from './installer-api.command';

describe('parseInstallerArgs', () => {
  it('reads the command, the method and --param=value pairs with PHP brackets', () => {
    expect(parseInstallerArgs(['--http-method=post', '/browser/wordpress/install', '--user=a', '--url=https://a.example/', '--background'])).toEqual({
      method: 'POST',
      command: '/browser/wordpress/install',
      input: { user: 'a', url: 'https://a.example/', background: 'true' },
    });
    expect(parseInstallerArgs(['DELETE', 'installs/wp-1'])).toEqual({ method: 'DELETE', command: '/installs/wp-1', input: {} });
    expect(parseInstallerArgs(['POST', '/users', '--websites[0][label]=a.example', '--websites[0][vhosts][http://a.example]='])).toMatchObject({ input: { websites: [{ label: 'a.example', vhosts: { 'http://a.example': '' } }] } });
    expect(parseInstallerArgs(['POST', '/users', '--websites=[{"label":"b.example"}]'])).toMatchObject({ input: { websites: [{ label: 'b.example' }] } });
    expect(parseInstallerArgs(['--cmd=/tasks'])).toEqual({ method: 'GET', command: '/tasks', input: {} });
  });

  it('explains what is wrong', () => {
    expect(parseInstallerArgs([])).toMatch(/command/);
    expect(parseInstallerArgs(['--http-method=PUT', '/users'])).toMatch(/http-method/);
    expect(parseInstallerArgs(['/users', 'extra'])).toMatch(/unexpected/);
    expect(parseInstallerArgs(['/users', '--websites={'])).toMatch(/JSON/);
  });
});
