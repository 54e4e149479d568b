import { type RenderedError } from '@hostgate/shared/errors';
import { hestiaHttpStatus } from './hestia-codes';

const TEXT = 'text/plain; charset=utf-8';

export type HestiaMode = 'legacy' | 'access_key';

/** What a v-* command produced: its exit code and its stdout lines. */
export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

/** An API-level error (api_error): the exit code as header and status, the message or the code as body. */
export function hestiaApiError(code: number, message: string, returnCode: boolean): RenderedError {
  const body = returnCode ? String(code) : message.startsWith('Error:') ? message : `Error: ${message}`;
  return { status: hestiaHttpStatus(code), contentType: TEXT, body, headers: { 'hestia-exit-code': String(code) } };
}

/**
 * A command's result, as each mode prints it. Legacy mode answers 200 always, with the output plus a
 * newline, or exactly `OK` (clients compare the body to it); access-key mode maps the code to HTTP.
 */
export function hestiaCommandResponse(result: CommandResult, mode: HestiaMode, returnCode: boolean): RenderedError {
  if (mode === 'legacy') {
    if (returnCode) return { status: 200, contentType: TEXT, body: String(result.code) };
    return { status: 200, contentType: TEXT, body: result.output === '' ? 'OK' : `${result.output}\n` };
  }
  const headers = { 'hestia-exit-code': String(result.code) };
  if (returnCode) return { status: 200, contentType: TEXT, body: String(result.code), headers };
  const out = result.output.trim();
  if (out === '') return { status: result.code === 0 ? 204 : hestiaHttpStatus(result.code), contentType: TEXT, body: '', headers };
  return { status: result.code === 0 ? 200 : hestiaHttpStatus(result.code), contentType: jsonTruthy(out) ? 'application/json; charset=utf-8' : TEXT, body: out, headers };
}

function jsonTruthy(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? Object.keys(v).length > 0 : Boolean(v);
  } catch {
    return false;
  }
}
