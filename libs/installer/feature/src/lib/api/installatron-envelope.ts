import { type RenderedError } from '@hostgate/shared/errors';

export interface InstallatronBody {
  readonly result: boolean;
  readonly status: number;
  readonly errcode: string | null;
  readonly errfield: string | null;
  readonly message: string;
  readonly data: unknown;
  readonly total_count?: number;
  readonly has_more?: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Every answer carries the HTTP status in `status` too; `message` is for people and ends in a newline. */
export function installatronOk(data: unknown, list?: { total: number; offset: number; count: number }): RenderedError {
  const body: InstallatronBody = {
    result: true,
    status: 200,
    errcode: null,
    errfield: null,
    message: 'The task is complete.\n',
    data,
    ...(list ? { total_count: list.total, has_more: list.offset + list.count < list.total } : {}),
  };
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

export function installatronError(status: number, errcode: string, message: string, errfield: string | null = null): RenderedError {
  const body: InstallatronBody = { result: false, status, errcode, errfield, message: message.endsWith('\n') ? message : `${message}\n`, data: null };
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}
