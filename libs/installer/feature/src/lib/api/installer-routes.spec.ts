import { type InstallerRoute, matchRoute } from './installer-routes';
import { v1Body, v1Call } from './installer-v1';

const route = (method: InstallerRoute['method'], path: string): InstallerRoute => ({ method, path, operationId: path, tag: 't', summary: '', description: '', params: [], errors: [], dataSchema: {}, handle: async () => ({ data: null }) });

describe('matchRoute', () => {
  const routes = [route('GET', '/installs'), route('GET', '/installs/{id}'), route('DELETE', '/installs/{id}'), route('POST', '/installs/{id}/update')];

  it('binds path parameters, decoded', () => {
    expect(matchRoute(routes, 'DELETE', '/installs/wp%2D1')).toEqual({ kind: 'route', route: routes[2], path: { id: 'wp-1' } });
    expect(matchRoute(routes, 'GET', '/installs/')).toEqual({ kind: 'route', route: routes[0], path: {} });
  });

  it('keeps an empty segment inside the path as an empty parameter, never shifting the next one into its place', () => {
    expect(matchRoute(routes, 'POST', '/installs//update')).toEqual({ kind: 'route', route: routes[3], path: { id: '' } });
    expect(matchRoute(routes, 'GET', '//installs/7/')).toEqual({ kind: 'route', route: routes[1], path: { id: '7' } });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute(routes, 'POST', '/installs').kind).toBe('method_not_allowed');
    expect(matchRoute(routes, 'GET', '/installs/1/update').kind).toBe('method_not_allowed');
    expect(matchRoute(routes, 'GET', '/nothing').kind).toBe('not_found');
    expect(matchRoute(routes, 'GET', '/installs/%E0%A4%A').kind).toBe('not_found');
  });
});

describe('v1 commands', () => {
  it('map onto the v2 calls', () => {
    expect(v1Call({ cmd: 'install', application: 'wordpress' })).toEqual({ method: 'POST', path: '/browser/wordpress/install' });
    expect(v1Call({ cmd: 'uninstall', id: 'wp 1' })).toEqual({ method: 'DELETE', path: '/installs/wp%201' });
    expect(v1Call({ cmd: 'guixfer', user: 'bob' })).toEqual({ method: 'POST', path: '/users/bob/login' });
    expect(v1Call({ cmd: 'toString' })).toBeUndefined();
    expect(() => v1Call({ cmd: 'uninstall' })).toThrow(expect.objectContaining({ code: 'missing_field' }));
  });

  it('answer in the v1 envelope, with the task of a backgrounded job', () => {
    const ok = { result: true, status: 200, errcode: null, errfield: null, message: 'done\n', data: { id: 'wp-1', task: '7', status: 'queued' } };
    expect(v1Body(ok)).toEqual({ result: true, message: 'done\n', data: ok.data, task: '7' });
    expect(v1Body({ ...ok, result: false, errcode: 'x', data: null })).toEqual({ result: false, message: 'done\n', data: null, errcode: 'x' });
  });
});
