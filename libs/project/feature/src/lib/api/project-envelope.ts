import { encodeXmlDocument, type PhpValue } from '@hostgate/shared/formats';
import { type RenderedError } from '@hostgate/shared/errors';
import { type ProjectFormat } from './action-chain';
import { RECORDS } from './project-fields';

/** XML names a list's items after its record (<projects><project>...), other lists use <item>. */
const ITEM_NAMES: Readonly<Record<string, string>> = { ...Object.fromEntries(RECORDS.map((r) => [r.name, r.singular])), resources: 'resource' };

export interface RequestBlock {
  readonly action: string;
  readonly method: string;
  readonly format: ProjectFormat;
  readonly code: number;
  readonly message: string;
}

/** {request: {...}, response: {...}} — the same content as XML when the chain ends in xml. */
export function projectResponse(request: RequestBlock, response: Record<string, PhpValue>): RenderedError {
  const envelope: Record<string, PhpValue> = { request: { ...request }, response };
  if (request.format === 'xml') {
    return { status: request.code, contentType: 'application/xml; charset=utf-8', body: encodeXmlDocument('wbteampro', envelope, { listItemName: (key) => ITEM_NAMES[key] ?? 'item' }) };
  }
  return { status: request.code, contentType: 'application/json; charset=utf-8', body: JSON.stringify(envelope) };
}
