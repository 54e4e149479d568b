import { asStdClass, encodeBlestaXml, encodePhpJson, type PhpValue, serializePhp } from '@hostgate/shared/formats';
import { type RenderedError } from '@hostgate/shared/errors';

export const BLESTA_FORMATS = ['json', 'xml', 'php'] as const;
export type BlestaFormat = (typeof BLESTA_FORMATS)[number];

/** Fixed status texts, as Blesta's API controller sends them. */
export const BLESTA_MESSAGES: Readonly<Record<number, string>> = {
  400: 'The request cannot be fulfilled due to bad syntax.',
  401: 'The authorization details given appear to be invalid.',
  403: 'The requested resource is not accessible.',
  404: 'The requested resource does not exist.',
  415: 'The format requested is not supported by the server.',
  500: 'An unexpected error occured.',
  503: 'The requested resource is currently unavailable due to maintenance.',
};

const CONTENT_TYPES: Readonly<Record<BlestaFormat, string>> = {
  json: 'application/json',
  xml: 'application/xml',
  php: 'text/plain',
};

/** Blesta's XML root: the CamelCase model name lower-cased, e.g. client_groups → clientgroups. */
export function xmlRootFor(model: string): string {
  return model
    .split('.')
    .map((part) => part.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()))
    .join('.')
    .toLowerCase();
}

export function encodeBlesta(format: BlestaFormat, model: string, envelope: Record<string, PhpValue>): string {
  switch (format) {
    case 'json':
      return encodePhpJson(envelope);
    case 'xml':
      return encodeBlestaXml(xmlRootFor(model), envelope);
    case 'php':
      return serializePhp(envelope);
  }
}

export function blestaResponse(status: number, format: BlestaFormat, model: string, envelope: Record<string, PhpValue>): RenderedError {
  return { status, contentType: CONTENT_TYPES[format], body: encodeBlesta(format, model, envelope) };
}

/** `{message, errors?, response}` as Api::index builds every error body. */
export function blestaError(status: number, format: BlestaFormat, model: string, errors?: Record<string, Record<string, string>>, response: PhpValue = null): RenderedError {
  const envelope: Record<string, PhpValue> = { message: BLESTA_MESSAGES[status] ?? BLESTA_MESSAGES[500] };
  if (errors && Object.keys(errors).length > 0) envelope['errors'] = errors;
  envelope['response'] = response;
  return blestaResponse(status, format, model, envelope);
}

export { asStdClass };
