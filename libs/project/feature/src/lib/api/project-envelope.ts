import { encodeXmlDocument, type PhpValue } from '@hostgate/shared/formats';
import { type RenderedError } from '@hostgate/shared/errors';
import { type ProjectFormat } from './action-chain';

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
    return { status: request.code, contentType: 'application/xml; charset=utf-8', body: encodeXmlDocument('wbteampro', envelope) };
  }
  return { status: request.code, contentType: 'application/json; charset=utf-8', body: JSON.stringify(envelope) };
}
